/**
 * The host-side rules of a run (PolicyConfig), checked before anything is sent: the allowed
 * operations (exact names, or `resource.*`), read-only mode, the cap on writes per run, and the
 * allowed spaces (space-policy.ts: every object an input names, list and search reads narrowed,
 * every read answer screened). A PolicyConfig is the unit: each run session gets its own, so a
 * client with a narrower policy (narrowPolicy) is held to it by the same code.
 */
import type { PolicyConfig } from '../../config.ts';
import type { AnyOperation } from './operations.ts';
import { policyError } from './errors.ts';
import { createSpacePolicy } from './space-policy.ts';
import { list } from './space-rules.ts';
import type { SpaceResolver } from './space-resolver.ts';

export interface RunPolicy {
  /**
   * Resolves with the input to send (narrowed to the allowed spaces for list and search reads)
   * when the call may go ahead (a write then counts against the cap); else throws a policy error.
   */
  admit(operation: AnyOperation, input: unknown): Promise<unknown>;
  /** A read's answer with other spaces' items withheld; refuses a single object of another space. */
  screen(operation: AnyOperation, answer: unknown): Promise<{ answer: unknown; withheld: number }>;
  /** Writes admitted so far. */
  writes(): number;
  /** Why items are withheld, for the envelope: `outside the allowed spaces (MKT)`. */
  readonly withheldReason: string;
}

/**
 * @example
 * const policy = createRunPolicy(config.policy, createSpaceResolver(config.policy.allowedSpaces, request));
 * const input = await policy.admit(operation, args);
 */
export function createRunPolicy(policy: PolicyConfig, spaces: SpaceResolver): RunPolicy {
  const spacePolicy =
    policy.allowedSpaces.length === 0 ? undefined : createSpacePolicy(policy.allowedSpaces, spaces);
  let writes = 0;

  return {
    async admit(operation, input) {
      const name = operation.name;
      if (!isOperationAllowed(name, policy.allowedOperations)) {
        throw policyError(
          'POLICY_OPERATION_NOT_ALLOWED',
          `${name}: refused by policy allowedOperations: only ${list(policy.allowedOperations)} may be called`,
          'allowedOperations',
        );
      }
      if (operation.kind === 'write') {
        if (policy.readOnly) {
          throw policyError(
            'POLICY_READ_ONLY',
            `${name}: refused by policy readOnly: this workbench is read-only`,
            'readOnly',
          );
        }
        if (writes >= policy.maxWritesPerRun) {
          throw policyError(
            'POLICY_MAX_WRITES',
            `${name}: refused by policy maxWritesPerRun: this run already made ${writes} writes, the limit is ${policy.maxWritesPerRun}`,
            'maxWritesPerRun',
          );
        }
      }
      // Take the write slot before awaiting, so parallel writes cannot all pass the cap.
      if (operation.kind === 'write') writes += 1;
      if (!spacePolicy) return input;
      try {
        return await spacePolicy.check(operation, input);
      } catch (error) {
        if (operation.kind === 'write') writes -= 1;
        throw error;
      }
    },
    async screen(operation, answer) {
      if (!spacePolicy || operation.kind !== 'read') return { answer, withheld: 0 };
      return spacePolicy.screen(operation, answer);
    },
    writes: () => writes,
    withheldReason: `outside the allowed spaces (${list(policy.allowedSpaces)})`,
  };
}

/**
 * Exact names, or `pages.*` for every operation of a resource; an empty list allows all.
 * @example isOperationAllowed('pages.get', ['pages.*']) // true
 */
export function isOperationAllowed(name: string, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return true;
  return allowed.some(
    (entry) => entry === name || (entry.endsWith('.*') && name.startsWith(entry.slice(0, -1))),
  );
}
