/**
 * Every operation's and helper's example type-checks against the generated d.ts, the way the
 * sandbox checks a script; and the check does fail on a misused SDK (so passing means something).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DECLARATIONS_PATH } from '../../../src/confluence/codegen/generate.ts';
import { HELPERS } from '../../../src/confluence/operations/helpers.ts';
import { OPERATIONS } from '../../../src/confluence/operations/index.ts';
import { typeCheckSnippets } from '../support/typecheck.ts';

const NEGATIVE = {
  'unknown member': `return confluence.pages.gett('1');`,
  'wrong argument type': `return confluence.pages.get({ id: '1' });`,
  'missing required field': `return confluence.pages.update('1', { title: 't' });`,
  'unknown option': `return confluence.search.cql('type = page', { limt: 5 });`,
  'wrong result use': `const page = await confluence.pages.get('1'); return page.tilte;`,
  'all() on a non-paged member': `return confluence.pages.get.all('1');`,
};

/** Every `@example` of the generated d.ts, as the model reads them (`.all()`/`.iterate()` too). */
function declarationExamples(): string[] {
  const text = readFileSync(DECLARATIONS_PATH, 'utf8');
  return [...text.matchAll(/\/\*\*([\s\S]*?)\*\//g)].flatMap((match) => {
    const lines = match[1]!.split('\n').map((line) => line.replace(/^\s*\* ?/, ''));
    const start = lines.findIndex((line) => line.startsWith('@example'));
    return start === -1
      ? []
      : [
          lines
            .slice(start + 1)
            .join('\n')
            .trim(),
        ];
  });
}

const DECLARATION_EXAMPLES = declarationExamples();

let diagnostics: Record<string, string[]>;

beforeAll(() => {
  const snippets: Record<string, string> = { ...NEGATIVE };
  for (const spec of OPERATIONS) snippets[spec.name] = spec.example;
  for (const helper of HELPERS) snippets[`helper ${helper.name}`] = helper.example;
  DECLARATION_EXAMPLES.forEach((example, index) => (snippets[`d.ts example ${index}`] = example));
  diagnostics = typeCheckSnippets(snippets);
}, 60_000);

describe('registry examples', () => {
  it('confluence.d.ts: has no errors of its own', () => {
    expect(diagnostics['(confluence.d.ts)']).toBeUndefined();
  });

  it.each(OPERATIONS.map((spec) => [spec.name] as const))('%s: its example type-checks', (name) => {
    expect(diagnostics[name]).toEqual([]);
  });

  it.each(HELPERS.map((helper) => [helper.name] as const))(
    '%s: its example type-checks',
    (name) => {
      expect(diagnostics[`helper ${name}`]).toEqual([]);
    },
  );

  it('confluence.d.ts: every @example in it type-checks, .all() and .iterate() ones included', () => {
    expect(DECLARATION_EXAMPLES.length).toBeGreaterThan(OPERATIONS.length + HELPERS.length);
    const failing = DECLARATION_EXAMPLES.map((example, index) => ({
      example,
      errors: diagnostics[`d.ts example ${index}`],
    })).filter((entry) => entry.errors!.length > 0);
    expect(failing).toEqual([]);
  });

  it.each(Object.keys(NEGATIVE).map((name) => [name] as const))(
    'type-check: rejects a script with a %s',
    (name) => {
      expect(diagnostics[name]!.length).toBeGreaterThan(0);
    },
  );
});
