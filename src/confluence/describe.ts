/**
 * `describe_sdk`: the declarations and examples of the SDK members matching a query or a list of
 * names, with the options interface and the result types they name (one level deep; deeper types
 * are named, and a type can be asked for by name), plus the compact index of all members. Progressive disclosure: `run_code`'s description carries only the index.
 *
 * @example
 * const described = describeSdk({ query: 'add label to page' });
 * console.log(described.text); // what the MCP tool shows
 * describeSdk({ names: ['pages.get', 'CONFLUENCE_CQL_SEARCH'] }).operations.map((o) => o.name);
 */
import { helperMember, operationMember } from './codegen/member-declarations.ts';
import { modelDeclarations } from './codegen/models-source.ts';
import { signatureOf } from './codegen/signatures.ts';
import { sdkIndex } from './describe-index.ts';
import { HELPERS, type HelperSpec } from './operations/helpers.ts';
import { OPERATIONS, type AnyOperationSpec } from './operations/index.ts';
import { matchMembers, suggestionsFor } from './describe-match.ts';

/** Members returned for a free-text query, best first. */
export const DEFAULT_DESCRIBE_LIMIT = 6;

export interface DescribeSdkOptions {
  /** Free text: words of what to do (`"add label to page"`), or any name (`getPageById`). */
  query?: string;
  /** Exact names: SDK (`pages.get`), Composio (`CONFLUENCE_GET_PAGE_BY_ID`) or operationId; a namespace (`pages.properties`) gives all its members; a type (`Page`) gives its declaration. */
  names?: readonly string[];
  /** Most members for a query (default {@link DEFAULT_DESCRIBE_LIMIT}). */
  limit?: number;
}

export interface MemberDescription {
  /** `pages.get`. */
  name: string;
  summary: string;
  kind: 'read' | 'write' | 'none';
  composioName?: string;
  operationId?: string;
  endpoint?: string;
  paged: boolean;
  /** The member's declaration with its JSDoc, as in confluence.d.ts. */
  declaration: string;
  example: string;
}

export interface SdkDescription {
  /** The compact index of every member. */
  index: string;
  operations: MemberDescription[];
  /** The types the described members use: options interfaces and result types. */
  types: string;
  /** Types the shown declarations mention but do not expand: ask for them by name. */
  namedTypes: string[];
  /** Names given that match nothing, each with close names. */
  unknown: Array<{ name: string; suggestions: string[] }>;
  /** Everything above as one text, for an MCP tool result. */
  text: string;
}

/** A registry operation or an in-isolate helper, as `describeSdk` sees both. */
export type Member =
  { kind: 'operation'; spec: AnyOperationSpec } | { kind: 'helper'; spec: HelperSpec };

export function allMembers(): Member[] {
  return [
    ...OPERATIONS.map((spec): Member => ({ kind: 'operation', spec })),
    ...HELPERS.map((spec): Member => ({ kind: 'helper', spec })),
  ];
}

function describeMember(member: Member, types: Set<string>): MemberDescription {
  if (member.kind === 'helper') {
    const helper = member.spec;
    for (const type of helper.types) types.add(type);
    return {
      name: helper.name,
      summary: helper.summary,
      kind: helper.kind,
      paged: false,
      declaration: helperMember(helper),
      example: helper.example,
    };
  }
  const spec = member.spec;
  const signature = signatureOf(spec);
  const declaration = operationMember(spec, signature);
  if (signature.optionsDeclaration) types.add(signature.optionsType!);
  for (const name of identifiers(`${declaration}\n${signature.optionsDeclaration ?? ''}`))
    types.add(name);
  return {
    name: spec.name,
    summary: spec.summary,
    kind: spec.kind,
    ...(spec.composioName ? { composioName: spec.composioName } : {}),
    ...(spec.operationId ? { operationId: spec.operationId } : {}),
    ...(spec.endpoint ? { endpoint: spec.endpoint } : {}),
    paged: signature.itemType !== undefined,
    declaration,
    example: spec.example,
  };
}

function identifiers(text: string): Set<string> {
  return new Set(text.match(/\b[A-Z][A-Za-z]+\b/g) ?? []);
}

/** A type alias this short (a string union, say) is shown wherever it is used: naming it saves nothing. */
const INLINE_ALIAS_CHARS = 200;

/**
 * Declarations of the named types, one level deep: the types a member's signature names are
 * shown whole (their top-level fields), the model types those mention are only named, for a
 * second `describe_sdk({ names: ['Page'] })`. Expanding transitively made `pages.edit` 5.8 KB,
 * most of it the nested `Page` the model rarely needs to call the operation.
 */
function typeDeclarations(
  names: Set<string>,
  members: readonly Member[],
): { text: string; named: string[] } {
  const declarations = typeTable(members);
  const shown = new Set<string>();
  const texts: string[] = [];
  const named = new Set<string>();
  const show = (name: string) => {
    const text = declarations.get(name);
    if (!text || shown.has(name)) return;
    shown.add(name);
    texts.push(text);
  };
  for (const name of names) show(name);
  // Pass over the shown texts, growing as short aliases are added; `named` gets the rest.
  for (let index = 0; index < texts.length; index++) {
    for (const reference of identifiers(texts[index]!)) {
      const text = declarations.get(reference);
      if (!text || shown.has(reference)) continue;
      if (/^(\/\*\*[\s\S]*?\*\/\s*)?type /.test(text) && text.length <= INLINE_ALIAS_CHARS)
        show(reference);
      else named.add(reference);
    }
  }
  return { text: texts.join('\n'), named: [...named].filter((name) => !shown.has(name)) };
}

/** Every declarable type by name: the members' options interfaces and the model types. */
function typeTable(members: readonly Member[]): Map<string, string> {
  const table = new Map(modelDeclarations().map((model) => [model.name, model.text]));
  for (const member of members) {
    if (member.kind !== 'operation') continue;
    const signature = signatureOf(member.spec);
    if (signature.optionsType && signature.optionsDeclaration)
      table.set(signature.optionsType, signature.optionsDeclaration);
  }
  return table;
}

export function describeSdk(options: DescribeSdkOptions = {}): SdkDescription {
  const members = allMembers();
  const chosen: Member[] = [];
  const unknown: SdkDescription['unknown'] = [];
  const typeNames = new Set<string>();
  const table = options.names?.length ? typeTable(members) : new Map<string, string>();
  for (const name of options.names ?? []) {
    const found = matchMembers(members, { name });
    if (found.length === 0 && table.has(name)) typeNames.add(name);
    else if (found.length === 0) unknown.push({ name, suggestions: suggestionsFor(members, name) });
    chosen.push(...found);
  }
  if (options.query) {
    chosen.push(
      ...matchMembers(members, {
        query: options.query,
        limit: options.limit ?? DEFAULT_DESCRIBE_LIMIT,
      }),
    );
  }
  const unique = [...new Set(chosen)];
  const operations = unique.map((member) => describeMember(member, typeNames));
  if (operations.some((operation) => operation.paged))
    ['Paged', 'AllResult', 'AllOptions'].forEach((name) => typeNames.add(name));
  const { text: types, named } = typeDeclarations(typeNames, members);
  const index = sdkIndex();
  return {
    index,
    operations,
    types,
    namedTypes: named,
    unknown,
    text: renderText({ index, operations, types, namedTypes: named, unknown }, options),
  };
}

function renderText(described: Omit<SdkDescription, 'text'>, options: DescribeSdkOptions): string {
  const parts: string[] = [];
  for (const entry of described.unknown) {
    const close = entry.suggestions.length ? ` Did you mean ${entry.suggestions.join(', ')}?` : '';
    parts.push(`No SDK member is named "${entry.name}".${close}`);
  }
  if (described.operations.length === 0 && !described.types) {
    if (options.query) parts.push(`Nothing matches "${options.query}". Every member:`);
    parts.push(described.index);
    return parts.join('\n\n');
  }
  for (const operation of described.operations) {
    parts.push(`// confluence.${operation.name}\n${operation.declaration}`);
  }
  if (described.types) parts.push(`// Types (namespace Confluence)\n${described.types}`);
  if (described.namedTypes.length > 0)
    parts.push(
      `// Not expanded: ${described.namedTypes.join(', ')}. describe_sdk({ names: ['${described.namedTypes[0]}'] }) shows one.`,
    );
  return parts.join('\n\n');
}
