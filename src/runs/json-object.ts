/** Building JSON objects safely from keys that came from data. */
import type { JsonValue } from './json-size.ts';

/**
 * Sets an own, enumerable entry, even for the key `__proto__`, which a plain assignment would
 * turn into a prototype change (JSON.parse makes it an ordinary key; so must we).
 *
 * @example
 * const object = {};
 * setEntry(object, '__proto__', 1); // JSON.stringify(object) === '{"__proto__":1}'
 */
export function setEntry(
  object: { [key: string]: JsonValue },
  key: string,
  value: JsonValue,
): void {
  Object.defineProperty(object, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
