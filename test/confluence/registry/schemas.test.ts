/**
 * Every input field is documented (its `.describe()` text is the model's only documentation),
 * positional fields are required, and bad input fails host-side with a message that names the
 * field and what was expected.
 */
import { describe, expect, it } from 'vitest';
import { inputSchemaOf } from '../../../src/confluence/codegen/signatures.ts';
import type { JsonSchema } from '../../../src/confluence/codegen/json-schema-types.ts';
import { findOperation, OPERATIONS } from '../../../src/confluence/operations/index.ts';

/** Paths of properties without a description, at any depth. */
function undescribed(schema: JsonSchema, path = ''): string[] {
  const missing: string[] = [];
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const here = path ? `${path}.${name}` : name;
    if (!property.description?.trim()) missing.push(here);
    missing.push(...nested(property, here));
  }
  return missing;
}

function nested(schema: JsonSchema, path: string): string[] {
  const members = [
    ...(schema.anyOf ?? []),
    ...(schema.oneOf ?? []),
    ...(schema.items ? [schema.items] : []),
  ];
  return [...undescribed(schema, path), ...members.flatMap((member) => nested(member, path))];
}

function issuesOf(name: string, input: unknown): string[] {
  const result = findOperation(name)!.input.safeParse(input);
  expect(result.success, `${name} accepted ${JSON.stringify(input)}`).toBe(false);
  return result.error!.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('registry schemas', () => {
  it.each(OPERATIONS.map((spec) => [spec.name, spec] as const))(
    '%s: every field is described',
    (_name, spec) => {
      expect(undescribed(inputSchemaOf(spec))).toEqual([]);
    },
  );

  it.each(OPERATIONS.map((spec) => [spec.name, spec] as const))(
    '%s: has a summary, an example and required positional fields',
    (_name, spec) => {
      expect(spec.summary.length).toBeGreaterThan(10);
      expect(spec.example).toContain(`confluence.${spec.name}`);
      const schema = inputSchemaOf(spec);
      for (const field of spec.positional ?? []) expect(schema.required ?? []).toContain(field);
      if (spec.kind === 'write') {
        expect(spec.target, 'writes say what they touch').toBeTypeOf('function');
        expect(spec.plan, 'writes can be planned in dry-run').toBeTypeOf('function');
      }
    },
  );

  it('pages.get: a non-numeric id names the field and the expected form', () => {
    expect(issuesOf('pages.get', { id: 'home' })).toEqual([
      'id: expected a page id: a string of digits such as "65537"',
    ]);
  });

  it('pages.get: an unknown option is refused by name (catches typos like bodyformat)', () => {
    expect(issuesOf('pages.get', { id: '1', bodyformat: 'storage' }).join()).toMatch(/bodyformat/);
  });

  it('pages.get: a body format outside the list names the allowed values', () => {
    expect(issuesOf('pages.get', { id: '1', bodyFormat: 'html' }).join()).toMatch(
      /bodyFormat: .*"storage"\|"markdown"/,
    );
  });

  it('pages.create: a title is required unless the page is a draft', () => {
    expect(issuesOf('pages.create', { spaceId: 'ENG' })).toEqual([
      'title: title is required unless status is "draft"',
    ]);
    expect(
      findOperation('pages.create')!.input.safeParse({ spaceId: 'ENG', status: 'draft' }).success,
    ).toBe(true);
  });

  it('pages.create: a body must be markdown, storage or a representation', () => {
    expect(
      issuesOf('pages.create', { spaceId: 'ENG', title: 't', body: '<p>x</p>' }).join(),
    ).toMatch(/body: expected the page body as \{ markdown: string \}/);
  });

  it('pages.update: the version is required and must be a positive number', () => {
    expect(issuesOf('pages.update', { id: '1', title: 't' }).join()).toMatch(/^version: /);
    expect(issuesOf('pages.update', { id: '1', version: 0 }).join()).toMatch(/version: .*>=1/);
  });

  it('pages.list: limit outside 1-250 names the bound', () => {
    expect(issuesOf('pages.list', { limit: 500 }).join()).toMatch(/limit: .*<=250/);
  });

  it('labels.add: a label with a space is refused with the reason', () => {
    expect(issuesOf('labels.add', { contentId: '1', labels: ['two words'] }).join()).toMatch(
      /without spaces/,
    );
  });

  it('comments.create: exactly one container must be named', () => {
    const body = { markdown: 'hi' };
    expect(issuesOf('comments.create', { body }).join()).toMatch(/exactly one of pageId/);
    expect(issuesOf('comments.create', { body, pageId: '1', blogPostId: '2' }).join()).toMatch(
      /exactly one/,
    );
  });

  it('attachments.upload: the content is text or base64, not both, not neither', () => {
    expect(issuesOf('attachments.upload', { contentId: '1', filename: 'a.txt' }).join()).toMatch(
      /exactly one of text or base64/,
    );
    expect(
      issuesOf('attachments.upload', {
        contentId: '1',
        filename: 'a',
        base64: 'not base64!',
      }).join(),
    ).toMatch(/base64/);
  });

  it('search.cql: an empty query says what a query looks like', () => {
    expect(issuesOf('search.cql', { cql: '  ' }).join()).toMatch(/expected a CQL query/);
  });

  it('audit.list: dates are epoch milliseconds or ISO dates, converted to milliseconds', () => {
    const parsed = findOperation('audit.list')!.input.parse({
      startDate: '2026-01-01',
      endDate: 1767312000000,
    });
    expect(parsed).toMatchObject({ startDate: Date.parse('2026-01-01'), endDate: 1767312000000 });
    expect(issuesOf('audit.list', { startDate: 'last week' }).join()).toMatch(/ISO 8601/);
  });

  it('pages.list: one space or many, by key or id, numbers accepted for ids', () => {
    const parsed = findOperation('pages.list')!.input.parse({ spaceId: 'ENG', ids: 12 });
    expect(parsed).toMatchObject({ spaceId: ['ENG'], ids: ['12'] });
  });
});
