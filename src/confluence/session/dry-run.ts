/**
 * What a write held back by dry-run answers: the operation's own `plan(input)` when it has one,
 * else a generic stand-in echoing the input's simple fields, so the script carries on and its
 * author can see in the result which values were planned.
 */
import type { AnyOperation } from './operations.ts';

export function plannedAnswer(operation: AnyOperation, input: unknown, index: number): unknown {
  if (operation.plan) return operation.plan(input);
  const fields: Record<string, unknown> = {};
  if (typeof input === 'object' && input !== null) {
    for (const [name, value] of Object.entries(input)) {
      if (['string', 'number', 'boolean'].includes(typeof value)) fields[name] = value;
    }
  }
  return {
    ...fields,
    id: typeof fields['id'] === 'string' ? fields['id'] : `dry-run-${index}`,
    dryRun: true,
  };
}
