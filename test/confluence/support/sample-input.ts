/**
 * A plausible input for any registry operation, with EVERY field set (optional ones too), so a
 * mapping test exercises every query parameter and body field the operation can send. Built from
 * the input's JSON Schema; a few fields that exclude each other are dropped per operation.
 */
import type { JsonSchema } from '../../../src/confluence/codegen/json-schema-types.ts';
import { inputSchemaOf } from '../../../src/confluence/codegen/signatures.ts';
import type { AnyOperationSpec } from '../../../src/confluence/operations/index.ts';

const BY_NAME: Record<string, unknown> = {
  spaceId: 'ENG',
  cql: 'type = page',
  cqlcontext: '{"spaceKey":"ENG"}',
  key: 'review-state',
  value: { state: 'approved' },
  labels: ['release-notes'],
  label: 'release-notes',
  title: 'Release notes',
  filename: 'notes.txt',
  text: 'hello',
  body: { storage: '<p>Hello</p>' },
  version: 2,
  versionNumber: 2,
  name: 'Platform',
  createdAt: '2026-01-01T00:00:00.000Z',
  startDate: 1767225600000,
  endDate: 1767312000000,
  sort: '-modified-date',
  maxBytes: 1_000_000,
};

/** Fields each operation cannot send together: the sample keeps the first of each group. */
const EXCLUSIVE: Record<string, string[]> = {
  'comments.create': ['blogPostId', 'parentCommentId', 'attachmentId', 'customContentId'],
  'attachments.upload': ['base64'],
  'pages.get': ['getDraft'],
  'blogposts.get': ['getDraft'],
};

function stringFor(schema: JsonSchema): string {
  const pattern = typeof schema['pattern'] === 'string' ? schema['pattern'] : '';
  if (pattern === '^\\d+$') return '65537';
  if (pattern.includes('att')) return 'att98305';
  if (pattern.includes('A-Za-z0-9]+$')) return 'PLAT';
  if (pattern.includes('A-Za-z0-9+/')) return 'aGVsbG8=';
  return 'sample';
}

function valueFor(schema: JsonSchema, name: string): unknown {
  const fits =
    !(schema.enum && !schema.enum.includes(BY_NAME[name])) && schema['pattern'] === undefined;
  if (name in BY_NAME && fits) {
    return BY_NAME[name];
  }
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return valueFor(union.find((member) => member.type !== 'array') ?? union[0]!, name);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'boolean':
      return true;
    case 'integer':
    case 'number':
      return typeof schema['minimum'] === 'number' ? Math.max(schema['minimum'], 1) : 1;
    case 'array':
      return [valueFor(schema.items ?? {}, name)];
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([field, property]) => [
          field,
          valueFor(property, field),
        ]),
      );
    case 'string':
      return stringFor(schema);
    default:
      return { sample: true };
  }
}

export function sampleInput(spec: AnyOperationSpec): Record<string, unknown> {
  const schema = inputSchemaOf(spec);
  const input = valueFor({ ...schema, anyOf: undefined }, '(input)') as Record<string, unknown>;
  for (const field of EXCLUSIVE[spec.name] ?? []) delete input[field];
  // Spaces are addressed by key in samples; ids named `id` on space operations are keys too.
  if (spec.name.startsWith('spaces.') && 'id' in input) input['id'] = 'ENG';
  return input;
}
