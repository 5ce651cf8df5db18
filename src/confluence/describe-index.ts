/**
 * The compact index of every SDK member, for `run_code`'s tool description: one line per
 * namespace, each member with its positional parameters (`{…}` for a required input object),
 * `*` for paged lists and `!` for writes.
 * It must stay small (the three tool definitions are held under 1,200 tokens in all: src/server/mcp/tools-list-cost.ts), so it names and
 * shapes only; `describe_sdk` gives the types.
 */
import { signatureOf } from './codegen/signatures.ts';
import { HELPERS } from './operations/helpers.ts';
import { OPERATIONS, type AnyOperationSpec } from './operations/index.ts';

/** What the marks mean, said once before the lines (a client may cut a long description short). */
export const INDEX_LEGEND =
  '* paged: { results, nextCursor }; .all(args, { max }) → { results, truncated }; .iterate(args) for `for await`. ! writes. {…} required input object. Ids: digit strings; spaces by key or id.';

function operationEntry(spec: AnyOperationSpec): string {
  const signature = signatureOf(spec);
  const parameters = signature.parameters
    .filter((parameter) => !parameter.optional || parameter.type !== signature.optionsType)
    .map((parameter) => (parameter.type === signature.optionsType ? '{…}' : parameter.name))
    .join(',');
  const paged = spec.pagination === 'cursor' || spec.pagination === 'offset' ? '*' : '';
  const writes = spec.kind === 'write' ? '!' : '';
  return `${spec.name.split('.').pop()}(${parameters})${paged}${writes}`;
}

const INDEXES = new WeakMap<readonly AnyOperationSpec[], string>();

/** The index text: the legend, then `pages: get(id) list()* create({…})! ...`, one line per namespace. */
export function sdkIndex(operations: readonly AnyOperationSpec[] = OPERATIONS): string {
  let index = INDEXES.get(operations);
  if (index === undefined) {
    index = buildIndex(operations);
    INDEXES.set(operations, index);
  }
  return index;
}

function buildIndex(operations: readonly AnyOperationSpec[]): string {
  const lines = new Map<string, string[]>();
  const add = (name: string, entry: string) => {
    const namespace = name.split('.').slice(0, -1).join('.') || 'confluence';
    lines.set(namespace, [...(lines.get(namespace) ?? []), entry]);
  };
  for (const spec of operations) add(spec.name, operationEntry(spec));
  for (const helper of HELPERS) {
    const parameters = /^\w+\(([^)]*)\)/.exec(helper.declaration)?.[1] ?? '';
    const names = parameters.split(',').map((parameter) => parameter.trim().split(/[?:]/)[0]);
    add(
      helper.name,
      `${helper.name.split('.').pop()}(${names.join(',')})${helper.kind === 'write' ? '!' : ''}`,
    );
  }
  const body = [...lines].map(([namespace, entries]) => `${namespace}: ${entries.join(' ')}`);
  return [INDEX_LEGEND, ...body].join('\n');
}
