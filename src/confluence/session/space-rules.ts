/**
 * The allowed-spaces verdicts space-policy.ts is built on: whether a space is allowed (keys
 * without case, ids against the site's ids for the allowed keys), how a refusal names it (by key,
 * looked up when only the id is known), and the refusals themselves.
 */
import type { SpaceReference } from '../operation.ts';
import { policyError, type SessionError } from './errors.ts';
import type { SpaceIdentity, SpaceResolver } from './space-resolver.ts';

/** Names quoted in a refusal before "…". */
const MAX_LISTED_NAMES = 10;

export interface SpaceRules {
  resolver: SpaceResolver;
  isAllowed(identity: SpaceIdentity): Promise<boolean>;
  /** `space ENG`, or `space id 98306` when the site does not say the key. */
  nameOf(identity: SpaceIdentity): Promise<string>;
  /** POLICY_SPACE_NOT_ALLOWED: `what` is not one of the allowed spaces. */
  refuse(operation: string, what: string): SessionError;
  /** POLICY_SPACE_UNKNOWN: the call's space cannot be told, for this reason. */
  unknown(operation: string, why: string): SessionError;
  /** Throws unless the object's space is found and allowed. */
  checkReference(operation: string, reference: SpaceReference): Promise<void>;
}

/**
 * @example
 * const rules = createSpaceRules(['MKT'], resolver);
 * await rules.checkReference('pages.move', { pageId: '65544' }); // throws: space ENG is not one of MKT
 */
export function createSpaceRules(configured: readonly string[], resolver: SpaceResolver) {
  const shown = list(configured);
  const configuredKeys = new Set(configured.map((key) => key.toUpperCase()));
  const rules: SpaceRules = {
    resolver,
    async isAllowed(identity) {
      if (identity.key !== undefined) return configuredKeys.has(identity.key.toUpperCase());
      return identity.id !== undefined && (await resolver.allowed()).ids.has(identity.id);
    },
    async nameOf(identity) {
      if (identity.key !== undefined) return `space ${identity.key}`;
      const key = await resolver.keyOf(identity.id ?? '');
      return key === undefined ? `space id ${identity.id}` : `space ${key}`;
    },
    refuse: (operation, what) =>
      policyError(
        'POLICY_SPACE_NOT_ALLOWED',
        `${operation}: refused by policy allowedSpaces: ${what} is not one of ${shown}`,
        'allowedSpaces',
      ),
    unknown: (operation, why) =>
      policyError(
        'POLICY_SPACE_UNKNOWN',
        `${operation}: refused by policy allowedSpaces: ${why} (allowed: ${shown})`,
        'allowedSpaces',
      ),
    async checkReference(operation, reference) {
      const identity = await resolver.spaceOf(reference);
      if (identity === undefined) {
        throw rules.unknown(operation, `cannot tell which space ${describe(reference)} is in`);
      }
      if (!(await rules.isAllowed(identity))) {
        throw rules.refuse(operation, await rules.nameOf(identity));
      }
    },
  };
  return rules;
}

/** `page 65544`, `blog post 131073`. */
function describe(reference: SpaceReference): string {
  const [field, value] = Object.entries(reference).find(([, member]) => member !== undefined) ?? [];
  const what = (field ?? 'object').replace(/Id$/, '').replace(/^blogPost$/, 'blog post');
  return `${what} ${value ?? ''}`.trim();
}

/** `a, b, …` with at most {@link MAX_LISTED_NAMES} names. */
export function list(names: readonly string[]): string {
  const shown = names.slice(0, MAX_LISTED_NAMES).join(', ');
  return names.length > MAX_LISTED_NAMES ? `${shown}, …` : shown;
}
