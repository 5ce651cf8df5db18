/**
 * The registry as the session takes it: a record by name or a list of operation specs.
 */
import type { OperationSpec } from '../operation.ts';

/**
 * Any registry entry. Each entry's input type is its own, so the session holds them erased; it
 * only ever passes an entry the value its own schema produced.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyOperation = OperationSpec<any, any>;

export type OperationRegistry = Readonly<Record<string, AnyOperation>> | readonly AnyOperation[];

/** By name; a list is keyed by each spec's `name`, and a duplicate name is a programming error. */
export function indexOperations(operations: OperationRegistry): Map<string, AnyOperation> {
  const list = Array.isArray(operations)
    ? (operations as readonly AnyOperation[])
    : Object.values(operations as Record<string, AnyOperation>);
  const byName = new Map<string, AnyOperation>();
  for (const operation of list) {
    if (byName.has(operation.name)) throw new Error(`duplicate operation name "${operation.name}"`);
    byName.set(operation.name, operation);
  }
  return byName;
}
