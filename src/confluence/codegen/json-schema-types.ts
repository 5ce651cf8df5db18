/**
 * JSON Schema (as zod's `toJSONSchema(schema, { io: 'input' })` writes it) → TypeScript type text,
 * with each property's description as JSDoc. Only what the registry's schemas use is supported;
 * anything else throws, so a new zod construct cannot slip into the d.ts as a silent `unknown`.
 */

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  $ref?: string;
  description?: string;
  default?: unknown;
  [keyword: string]: unknown;
}

/** The one recursive schema the registry uses (`z.json()`), declared as `JsonValue` in the d.ts. */
const JSON_VALUE = 'JsonValue';

/** Wraps a union or function type so it can take `[]`. */
function asArrayElement(type: string): string {
  return /[|&]/.test(type) ? `Array<${type}>` : `${type}[]`;
}

function literal(value: unknown): string {
  return JSON.stringify(value);
}

/** A JSDoc block for a member, or nothing when there is no text. */
export function jsDoc(lines: readonly string[], indent: string): string {
  const text = lines
    .flatMap((line) => line.split('\n'))
    .map((line) => line.replace(/\*\//g, '*\\/'));
  if (text.length === 0 || text.every((line) => line.trim() === '')) return '';
  if (text.length === 1) return `${indent}/** ${text[0]} */\n`;
  return `${indent}/**\n${text.map((line) => `${indent} *${line ? ` ${line}` : ''}`).join('\n')}\n${indent} */\n`;
}

/** The JSDoc lines of a property: its description and its default. */
export function propertyDocLines(schema: JsonSchema): string[] {
  const lines: string[] = [];
  if (schema.description) lines.push(schema.description);
  if (schema.default !== undefined) lines.push(`@default ${JSON.stringify(schema.default)}`);
  return lines;
}

/** The members of an object type, one per line, each with its JSDoc. */
export function objectMembers(schema: JsonSchema, indent: string): string {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {})
    .map(([name, property]) => {
      const key = /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
      const optional = required.has(name) ? '' : '?';
      const doc = jsDoc(propertyDocLines(property), indent);
      return `${doc}${indent}${key}${optional}: ${typeText(property, indent)};`;
    })
    .join('\n');
}

/** The TypeScript type of a schema; `indent` is the indentation of the line it appears on. */
export function typeText(schema: JsonSchema, indent = ''): string {
  if (schema.$ref !== undefined) return JSON_VALUE;
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return [...new Set(union.map((member) => typeText(member, indent)))].join(' | ');
  if (schema.const !== undefined) return literal(schema.const);
  if (schema.enum) return schema.enum.map(literal).join(' | ');
  if (Array.isArray(schema.type)) {
    return schema.type.map((type) => typeText({ ...schema, type }, indent)).join(' | ');
  }
  switch (schema.type) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      return asArrayElement(schema.items ? typeText(schema.items, indent) : 'unknown');
    case 'object':
      return objectType(schema, indent);
    case undefined:
      return 'unknown';
    default:
      throw new Error(`json-schema-types: unsupported type ${JSON.stringify(schema.type)}`);
  }
}

function objectType(schema: JsonSchema, indent: string): string {
  const hasProperties = Object.keys(schema.properties ?? {}).length > 0;
  const extra = schema.additionalProperties;
  if (!hasProperties && typeof extra === 'object') {
    return `Record<string, ${typeText(extra, indent)}>`;
  }
  if (!hasProperties) return 'Record<string, never>';
  return `{\n${objectMembers(schema, `${indent}  `)}\n${indent}}`;
}
