/**
 * Typed readers for query and path parameters. Every bad value is a 400 naming the parameter.
 * Array parameters are accepted both repeated (`?status=current&status=draft`, the OpenAPI default
 * style) and comma-separated (`?status=current,draft`, as the spec's descriptions say).
 */
import type { Context } from 'hono';
import { invalidParameter } from './errors.ts';

/** Every value of an array parameter, repeated and/or comma-separated, trimmed, empties dropped. */
export function queryList(c: Context, name: string): string[] {
  return (c.req.queries(name) ?? [])
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

/** A single-valued parameter (the last one wins when repeated); undefined when absent or empty. */
export function queryString(c: Context, name: string): string | undefined {
  const values = c.req.queries(name);
  const value = values?.[values.length - 1];
  return value === undefined || value === '' ? undefined : value;
}

export function parseInteger(name: string, raw: string, expected = 'int'): number {
  if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(Number(raw))) {
    // Wording follows Confluence's v2 parameter errors.
    throw invalidParameter(
      name,
      `Provided value {${raw}} for '${name}' is not the correct type. Expected type is ${expected}`,
    );
  }
  return Number(raw);
}

export interface IntegerBounds {
  min?: number;
  max?: number;
}

export function queryInteger(
  c: Context,
  name: string,
  bounds: IntegerBounds = {},
): number | undefined {
  const raw = queryString(c, name);
  if (raw === undefined) return undefined;
  const value = parseInteger(name, raw);
  if (bounds.min !== undefined && value < bounds.min) {
    throw invalidParameter(name, `'${name}' must be at least ${bounds.min}; got ${value}`);
  }
  if (bounds.max !== undefined && value > bounds.max) {
    throw invalidParameter(name, `'${name}' must be at most ${bounds.max}; got ${value}`);
  }
  return value;
}

export function queryIntegerList(c: Context, name: string, maxItems = 250): number[] {
  const values = queryList(c, name).map((raw) => parseInteger(name, raw, 'long'));
  if (values.length > maxItems) {
    throw invalidParameter(
      name,
      `'${name}' accepts at most ${maxItems} values; got ${values.length}`,
    );
  }
  return values;
}

export function queryBoolean(c: Context, name: string, defaultValue = false): boolean {
  const raw = queryString(c, name);
  if (raw === undefined) return defaultValue;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw invalidParameter(
    name,
    `Provided value {${raw}} for '${name}' is not the correct type. Expected type is boolean`,
  );
}

export function queryEnum<Value extends string>(
  c: Context,
  name: string,
  allowed: readonly Value[],
): Value | undefined {
  const raw = queryString(c, name);
  if (raw === undefined) return undefined;
  return checkEnum(name, raw, allowed);
}

export function queryEnumList<Value extends string>(
  c: Context,
  name: string,
  allowed: readonly Value[],
): Value[] {
  return queryList(c, name).map((raw) => checkEnum(name, raw, allowed));
}

function checkEnum<Value extends string>(
  name: string,
  raw: string,
  allowed: readonly Value[],
): Value {
  if ((allowed as readonly string[]).includes(raw)) return raw as Value;
  throw invalidParameter(
    name,
    `Provided value {${raw}} for '${name}' is not valid. Allowed values: ${allowed.join(', ')}`,
  );
}

/**
 * A numeric id from the path (`/pages/{id}`); a non-number is a 400, as on Confluence.
 * @example const id = pathId(c, 'id');
 */
export function pathId(c: Context, name: string): number {
  const raw = c.req.param(name) ?? '';
  const value = parseInteger(name, raw, 'long');
  if (value < 1) throw invalidParameter(name, `'${name}' must be a positive id; got ${raw}`);
  return value;
}
