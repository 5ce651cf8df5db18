/**
 * How one registry operation looks from TypeScript: its parameters (positional fields first, then
 * one options object), the options interface, the result, and for paged operations the item type
 * that `.all()` and `.iterate()` produce. Shared by the d.ts generator and `describeSdk`.
 */
import { z } from 'zod';
import type { AnyOperationSpec } from '../operations/index.ts';
import { jsDoc, objectMembers, typeText, type JsonSchema } from './json-schema-types.ts';

export interface ParameterInfo {
  name: string;
  type: string;
  optional: boolean;
  description: string;
}

export interface OperationSignature {
  /** `get`, the last segment of the name. */
  member: string;
  /** `PagesGetOptions`, when the operation takes an options object. */
  optionsType?: string;
  /** The options interface declaration, when there is one. */
  optionsDeclaration?: string;
  parameters: ParameterInfo[];
  /** `Promise<Page>`. */
  returns: string;
  /** The element type of `Paged<T>`, for paged operations. */
  itemType?: string;
}

/** `pages.properties.list` → `PagesPropertiesList`. */
export function pascalName(name: string): string {
  return name
    .split('.')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

export function inputSchemaOf(spec: AnyOperationSpec): JsonSchema {
  return z.toJSONSchema(spec.input, { io: 'input', unrepresentable: 'throw' }) as JsonSchema;
}

/** `Paged<Page>` → `Page`. */
export function pagedItemType(resultType: string): string | undefined {
  return /^Paged<(.+)>$/.exec(resultType)?.[1];
}

const SIGNATURES = new WeakMap<AnyOperationSpec, OperationSignature>();

/** The signature of an operation (computed once per spec: the registry is immutable). */
export function signatureOf(spec: AnyOperationSpec): OperationSignature {
  let signature = SIGNATURES.get(spec);
  if (!signature) {
    signature = computeSignature(spec);
    SIGNATURES.set(spec, signature);
  }
  return signature;
}

function computeSignature(spec: AnyOperationSpec): OperationSignature {
  const schema = inputSchemaOf(spec);
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const positional = spec.positional ?? [];
  const parameters: ParameterInfo[] = positional.map((name) => {
    const property = properties[name];
    if (!property) throw new Error(`${spec.name}: positional field "${name}" is not in the input`);
    return {
      name,
      type: typeText(property),
      optional: !required.has(name),
      description: property.description ?? '',
    };
  });
  const rest: JsonSchema = {
    ...schema,
    properties: Object.fromEntries(
      Object.entries(properties).filter(([name]) => !positional.includes(name)),
    ),
    required: (schema.required ?? []).filter((name) => !positional.includes(name)),
  };
  const signature: OperationSignature = {
    member: spec.name.split('.').pop()!,
    parameters,
    returns: `Promise<${spec.resultType}>`,
  };
  const itemType =
    spec.pagination && spec.pagination !== 'none' ? pagedItemType(spec.resultType) : undefined;
  if (itemType) signature.itemType = itemType;
  if (Object.keys(rest.properties ?? {}).length === 0) return signature;

  const hasRequired = (rest.required ?? []).length > 0;
  const optionsType = `${pascalName(spec.name)}${hasRequired ? 'Input' : 'Options'}`;
  signature.optionsType = optionsType;
  signature.optionsDeclaration = `${jsDoc([`${hasRequired ? 'Input' : 'Options'} of \`confluence.${spec.name}\`.`], '')}interface ${optionsType} {\n${objectMembers(rest, '  ')}\n}`;
  parameters.push({
    name: hasRequired ? 'input' : 'options',
    type: optionsType,
    optional: !hasRequired,
    description: `${Object.keys(rest.properties ?? {}).join(', ')} (see ${optionsType}).`,
  });
  return signature;
}

/** `(id: string | number, options?: PagesGetOptions)`. */
export function parameterList(parameters: readonly ParameterInfo[]): string {
  return parameters
    .map((parameter) => `${parameter.name}${parameter.optional ? '?' : ''}: ${parameter.type}`)
    .join(', ');
}
