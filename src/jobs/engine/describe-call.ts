/**
 * What the registry says of one call, for the job's ledger: whether it reads or writes, and what
 * a write targets in words (`page 65537`), as the run envelope's `writes` names it.
 */
import type { OperationRegistry } from '../../confluence/index.ts';
import { indexOperations } from '../../confluence/session/operations.ts';

export type CallDescriber = (
  operation: string,
  args: unknown,
) => { kind: 'read' | 'write'; target?: string };

/**
 * @example
 * const describe = callDescriber(OPERATIONS);
 * describe('pages.update', { id: '1', version: 2 }); // { kind: 'write', target: 'page 1' }
 */
export function callDescriber(operations: OperationRegistry): CallDescriber {
  const byName = indexOperations(operations);
  return (name, args) => {
    const operation = byName.get(name);
    // Unknown to the registry (an in-isolate helper's host name): treated as a write, to be safe.
    if (!operation) return { kind: 'write' };
    if (operation.kind === 'read') return { kind: 'read' };
    const parsed = operation.input.safeParse(args);
    if (!parsed.success || !operation.target) return { kind: 'write', target: name };
    try {
      return { kind: 'write', target: operation.target(parsed.data) };
    } catch {
      return { kind: 'write', target: name };
    }
  };
}
