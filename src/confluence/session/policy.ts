/**
 * The host-side rules of a run (PolicyConfig), checked before anything is sent: the allowed
 * operations (exact names, or `resource.*`), read-only mode, the cap on writes per run, and the
 * allowed spaces (by key, by id, or through the page or blog post an operation names). Reads
 * whose input names no space are checked on their answer instead (`spaceId`, `space.key`).
 */
import type { PolicyConfig } from '../../config.ts';
import type { SpaceReference } from '../operation.ts';
import type { AnyOperation } from './operations.ts';
import { policyError } from './errors.ts';
import type { SpaceResolver } from './space-resolver.ts';

/** Names quoted in a refusal before "…". */
const MAX_LISTED_NAMES = 10;

export interface RunPolicy {
  /** Resolves when the call may go ahead (a write then counts against the cap); else throws a policy error. */
  admit(operation: AnyOperation, input: unknown): Promise<void>;
  /** For reads whose input named no space: refuses an answer from a space outside the list. */
  checkAnswer(operation: AnyOperation, input: unknown, answer: unknown): Promise<void>;
  /** Writes admitted so far. */
  writes(): number;
}

export function createRunPolicy(policy: PolicyConfig, spaces: SpaceResolver): RunPolicy {
  const allowedKeys = new Set(policy.allowedSpaces.map((key) => key.toUpperCase()));
  let writes = 0;

  async function checkSpace(name: string, kind: string, reference: SpaceReference | undefined) {
    if (allowedKeys.size === 0) return;
    const spaceId = await spaceIdOf(reference, spaces);
    if (reference?.key !== undefined && !allowedKeys.has(reference.key.toUpperCase())) {
      throw notAllowed(name, `space ${reference.key}`, policy.allowedSpaces);
    }
    if (reference?.key === undefined && spaceId !== undefined) {
      if (!(await spaces.allowedIds()).has(spaceId)) {
        throw notAllowed(name, `space id ${spaceId}`, policy.allowedSpaces);
      }
    }
    if (reference?.key === undefined && spaceId === undefined && kind === 'write') {
      throw policyError(
        'POLICY_SPACE_UNKNOWN',
        `${name}: refused by policy allowedSpaces: cannot tell which space this write touches (allowed: ${list(policy.allowedSpaces)})`,
        'allowedSpaces',
      );
    }
  }

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
      try {
        await checkSpace(name, operation.kind, operation.space?.(input));
      } catch (error) {
        if (operation.kind === 'write') writes -= 1;
        throw error;
      }
    },
    async checkAnswer(operation, input, answer) {
      if (allowedKeys.size === 0 || operation.kind !== 'read' || operation.space?.(input)) return;
      const key = keyIn(answer);
      if (key !== undefined && !allowedKeys.has(key.toUpperCase())) {
        throw notAllowed(operation.name, `space ${key}`, policy.allowedSpaces);
      }
      const spaceId = idIn(answer);
      if (key === undefined && spaceId !== undefined && !(await spaces.allowedIds()).has(spaceId)) {
        throw notAllowed(operation.name, `space id ${spaceId}`, policy.allowedSpaces);
      }
    },
    writes: () => writes,
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

async function spaceIdOf(reference: SpaceReference | undefined, spaces: SpaceResolver) {
  if (reference === undefined || reference.key !== undefined) return undefined;
  if (reference.id !== undefined) return reference.id;
  if (reference.pageId !== undefined) return spaces.spaceIdOf('page', reference.pageId);
  if (reference.blogPostId !== undefined) return spaces.spaceIdOf('blogpost', reference.blogPostId);
  if (reference.contentId !== undefined) return spaces.spaceIdOfContent(reference.contentId);
  return undefined;
}

function keyIn(answer: unknown): string | undefined {
  const record = answer as { spaceKey?: unknown; space?: { key?: unknown } } | null | undefined;
  const key = record?.space?.key ?? record?.spaceKey;
  return typeof key === 'string' ? key : undefined;
}

function idIn(answer: unknown): string | undefined {
  const spaceId = (answer as { spaceId?: unknown } | null | undefined)?.spaceId;
  return typeof spaceId === 'string' || typeof spaceId === 'number' ? String(spaceId) : undefined;
}

function notAllowed(name: string, what: string, allowed: readonly string[]) {
  return policyError(
    'POLICY_SPACE_NOT_ALLOWED',
    `${name}: refused by policy allowedSpaces: ${what} is not one of ${list(allowed)}`,
    'allowedSpaces',
  );
}

function list(names: readonly string[]): string {
  const shown = names.slice(0, MAX_LISTED_NAMES).join(', ');
  return names.length > MAX_LISTED_NAMES ? `${shown}, …` : shown;
}
