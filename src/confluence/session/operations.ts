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

/** Indexes already made, by registry: a session per run or job item would otherwise redo it. */
const indexes = new WeakMap<OperationRegistry, ReadonlyMap<string, AnyOperation>>();

/**
 * By name; a list is keyed by each spec's `name`, and a duplicate name is a programming error.
 * The index of a registry is made once (a registry does not change once built).
 *
 * @example
 * const byName = indexOperations(OPERATIONS); byName.get('pages.get');
 */
export function indexOperations(operations: OperationRegistry): ReadonlyMap<string, AnyOperation> {
  const known = indexes.get(operations);
  if (known) return known;
  const byName = buildIndex(operations);
  indexes.set(operations, byName);
  return byName;
}

function buildIndex(operations: OperationRegistry): Map<string, AnyOperation> {
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
