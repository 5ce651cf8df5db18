/**
 * The declaration of one SDK member, with its JSDoc: a method for most operations, a callable
 * with `.all()` and `.iterate()` for paged ones, and the hand-documented in-isolate helpers.
 * Used for the d.ts and for `describe_sdk`, so both say exactly the same thing.
 */
import type { HelperSpec } from '../operations/helpers.ts';
import type { AnyOperationSpec } from '../operations/index.ts';
import { jsDoc } from './json-schema-types.ts';
import { parameterList, type OperationSignature } from './signatures.ts';

/** `CONFLUENCE_GET_PAGE_BY_ID · getPageById · GET /wiki/api/v2/pages/{id} · reads`. */
export function provenanceLine(spec: AnyOperationSpec): string {
  const parts = [
    spec.composioName ? `Composio: ${spec.composioName}` : undefined,
    spec.operationId ? `operationId: ${spec.operationId}` : undefined,
    spec.endpoint ? `\`${spec.endpoint}\`` : undefined,
    spec.kind === 'write' ? 'writes' : 'reads',
  ];
  return parts.filter((part) => part !== undefined).join(' · ');
}

function exampleLines(example: string): string[] {
  return ['@example', ...example.split('\n')];
}

export function operationDocLines(spec: AnyOperationSpec, signature: OperationSignature): string[] {
  const lines = [spec.summary];
  if (spec.description) lines.push('', spec.description);
  lines.push('', provenanceLine(spec));
  for (const parameter of signature.parameters) {
    lines.push(`@param ${parameter.name} ${parameter.description}`.trimEnd());
  }
  return [...lines, ...exampleLines(spec.example)];
}

/** The member inside its API interface (`get(id: ...): Promise<Page>;`), with JSDoc. */
export function operationMember(spec: AnyOperationSpec, signature: OperationSignature): string {
  const doc = jsDoc(operationDocLines(spec, signature), '');
  const parameters = parameterList(signature.parameters);
  const member = signature.member;
  if (!signature.itemType) return `${doc}${member}(${parameters}): ${signature.returns};`;
  const item = signature.itemType;
  const withLimits = [parameters, 'limits?: AllOptions'].filter(Boolean).join(', ');
  const path = `confluence.${spec.name}`;
  return [
    jsDoc([`${spec.summary} One page per call; see \`.all()\` and \`.iterate()\`.`], '') +
      `${member}: {`,
    `${doc}(${parameters}): ${signature.returns};`,
    jsDoc(
      [
        `Every item, following \`nextCursor\` to the last page or to \`limits.max\` items (default 1000); \`truncated\` says whether more remained.`,
        '@example',
        `const { results, truncated } = await ${path}.all(${exampleArguments(signature)}{ max: 500 });`,
      ],
      '',
    ) + `all(${withLimits}): Promise<AllResult<${item}>>;`,
    jsDoc(
      [
        'Every item, one at a time, fetching the next page as the loop goes (no cap: `break` when done).',
        '@example',
        `for await (const item of ${path}.iterate(${exampleArguments(signature).replace(/, $/, '')})) console.log(item);`,
      ],
      '',
    ) + `iterate(${parameters}): AsyncIterableIterator<${item}>;`,
    '};',
  ].join('\n');
}

/** Placeholder arguments for the generic `.all()`/`.iterate()` examples: `'65537', {}, `. */
function exampleArguments(signature: OperationSignature): string {
  const positional = signature.parameters.filter(
    (parameter) => parameter.type !== signature.optionsType,
  );
  const values = positional.map((parameter) =>
    parameter.name === 'cql' ? "'type = page'" : "'65537'",
  );
  return [...values, '{}'].map((value) => `${value}, `).join('');
}

export function helperMember(helper: HelperSpec): string {
  const lines = [helper.summary];
  if (helper.description) lines.push('', helper.description);
  lines.push(
    '',
    `Runs in the sandbox${helper.calls.length ? `; calls ${helper.calls.join(', ')}` : ''}.`,
  );
  for (const parameter of helper.parameters)
    lines.push(`@param ${parameter.name} ${parameter.description}`);
  lines.push(...exampleLines(helper.example));
  return `${jsDoc(lines, '')}${helper.declaration}`;
}
