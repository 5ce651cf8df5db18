/**
 * Request-building helpers: paths with encoded parameters, and query strings from camelCase
 * inputs (the v2 API spells its parameters in kebab-case: `bodyFormat` → `body-format`).
 */
import type { QueryValue } from '../../operation.ts';
import { PathParameterError } from './errors.ts';

/** `bodyFormat` → `body-format`. */
export function kebabCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/**
 * Picks `keys` from the input into a query, kebab-casing their names (v2 style) unless `casing`
 * is `as-is` (v1 spells its parameters in camelCase). Undefined values are left out.
 */
export function queryFrom<Input extends object>(
  input: Input,
  keys: ReadonlyArray<keyof Input & string>,
  casing: 'kebab' | 'as-is' = 'kebab',
): Record<string, QueryValue> {
  const query: Record<string, QueryValue> = {};
  for (const key of keys) {
    const value = input[key] as QueryValue;
    if (value === undefined) continue;
    query[casing === 'kebab' ? kebabCase(key) : key] = value;
  }
  return query;
}

/**
 * `/pages/{id}` with `{ id: '12' }` → `/pages/12`, every parameter URI-encoded into one segment.
 * `.`, `..` and the empty string are refused: encoded or not, URL parsers read them as path
 * navigation (`/content/5/label/..` is `/content/5/`), so they could never name an object.
 */
export function pathOf(template: string, parameters: object): string {
  return template.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const value = (parameters as Record<string, unknown>)[name];
    if (value === undefined) throw new Error(`path parameter "${name}" missing for ${template}`);
    const text = String(value);
    if (text === '' || text === '.' || text === '..') throw new PathParameterError(name, text);
    return encodeURIComponent(text);
  });
}

/** Drops undefined members so JSON bodies carry only what the caller set. */
export function compact<Value extends Record<string, unknown>>(value: Value): Partial<Value> {
  return Object.fromEntries(
    Object.entries(value).filter(([, member]) => member !== undefined),
  ) as Partial<Value>;
}
