/** Renders console arguments to one line of text, the way a developer expects to read them. */
import { arrayJoin, arrayMap, errorIsError, StringConstructor, stringSlice } from './intrinsics.ts';
import { SizeExceeded, toJson } from './serialize.ts';

/** Joins the arguments with spaces; the result is cut to `maxChars` (with a trailing `…`). */
export function formatLogArguments(args: readonly unknown[], maxChars: number): string {
  const text = arrayJoin(
    arrayMap(args, (value) => formatValue(value, maxChars)),
    ' ',
  );
  return text.length > maxChars ? `${stringSlice(text, 0, Math.max(0, maxChars - 1))}…` : text;
}

function formatValue(value: unknown, maxChars: number): string {
  try {
    switch (typeof value) {
      case 'string':
        return value;
      case 'bigint':
        return `${value}n`;
      case 'function':
        return `[Function: ${value.name || 'anonymous'}]`;
      case 'object':
        if (value === null) return 'null';
        if (errorIsError(value)) return `${StringConstructor(value.name)}: ${value.message}`;
        return toJson(value, maxChars) ?? 'undefined';
      default:
        return StringConstructor(value);
    }
  } catch (error) {
    if (error instanceof SizeExceeded) return `[value larger than ${maxChars} characters]`;
    return `[unprintable value: ${describeQuietly(error)}]`;
  }
}

function describeQuietly(error: unknown): string {
  try {
    return errorIsError(error) ? StringConstructor(error.message) : StringConstructor(error);
  } catch {
    return 'unknown error';
  }
}
