/**
 * Turns a method's arguments into the one input object the host validates:
 * `pages.get(id, options)` → `{ ...options, id }`. Type errors are caught before the run by the
 * type-checker; this guards the shapes TypeScript cannot see (`any`, JSON from `params`).
 */
import type { OperationStub } from './types.ts';

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `the string "${value.slice(0, 40)}"` : `a ${typeof value}`;
}

export function toInput(stub: OperationStub, args: readonly unknown[]): Record<string, unknown> {
  const count = stub.positional.length;
  const options = args[count];
  if (
    options !== undefined &&
    (typeof options !== 'object' || options === null || Array.isArray(options))
  ) {
    const after = count === 0 ? '' : ` after ${stub.positional.join(', ')}`;
    throw new TypeError(
      `confluence.${stub.name}: expected an options object${after}, got ${describeValue(options)}`,
    );
  }
  const input: Record<string, unknown> = { ...(options as Record<string, unknown> | undefined) };
  for (let index = 0; index < count; index++) {
    const value = args[index];
    if (value !== undefined) input[stub.positional[index]!] = value;
  }
  return input;
}
