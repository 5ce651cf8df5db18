/**
 * The allowed-spaces rule, held on every answer rather than only on the objects an input names:
 * - before a call, every object the input names (`space`: a page, its move target, a parent, a
 *   space) must be in an allowed space, reads and writes alike;
 * - list and search reads are narrowed so Confluence answers from the allowed spaces only
 *   (`narrow`: `space-id` filled in, CQL wrapped), which keeps counts and cursors true;
 * - every read answer is screened by the space each item names: items of other spaces are
 *   withheld (and counted), a single object of another space is refused;
 * - reads about every space that nothing narrows (`siteWide: 'every-space'`) are refused.
 * Refusals name spaces by key.
 */
import type { SpaceReference } from '../operation.ts';
import { listedItems, spaceReferenceIn } from './answer-screen.ts';
import { policyError } from './errors.ts';
import type { AnyOperation } from './operations.ts';
import type { SpaceIdentity, SpaceResolver } from './space-resolver.ts';

export interface SpacePolicy {
  /** Resolves with the input to send (narrowed when the operation can be); else throws a refusal. */
  check(operation: AnyOperation, input: unknown): Promise<unknown>;
  /** A read's answer with other spaces' items withheld; throws for a single object of another space. */
  screen(operation: AnyOperation, answer: unknown): Promise<{ answer: unknown; withheld: number }>;
}

/** Names quoted in a refusal before "…". */
const MAX_LISTED_NAMES = 10;

/**
 * @example
 * const spaces = createSpacePolicy(['MKT'], createSpaceResolver(['MKT'], request));
 * const input = await spaces.check(operation, { cql: 'type = page' }); // CQL narrowed to MKT
 */
export function createSpacePolicy(configured: readonly string[], resolver: SpaceResolver) {
  const shown = list(configured);
  const configuredKeys = new Set(configured.map((key) => key.toUpperCase()));
  const refuse = (name: string, what: string) =>
    policyError(
      'POLICY_SPACE_NOT_ALLOWED',
      `${name}: refused by policy allowedSpaces: ${what} is not one of ${shown}`,
      'allowedSpaces',
    );
  const unknown = (name: string, why: string) =>
    policyError(
      'POLICY_SPACE_UNKNOWN',
      `${name}: refused by policy allowedSpaces: ${why} (allowed: ${shown})`,
      'allowedSpaces',
    );

  // Keys compare case-insensitively; ids against the ids the site gave for the allowed keys.
  async function isAllowed(identity: SpaceIdentity): Promise<boolean> {
    if (identity.key !== undefined) return configuredKeys.has(identity.key.toUpperCase());
    return identity.id !== undefined && (await resolver.allowed()).ids.has(identity.id);
  }

  async function nameOf(identity: SpaceIdentity): Promise<string> {
    if (identity.key !== undefined) return `space ${identity.key}`;
    const key = await resolver.keyOf(identity.id ?? '');
    return key === undefined ? `space id ${identity.id}` : `space ${key}`;
  }

  async function checkReference(name: string, reference: SpaceReference): Promise<void> {
    const identity = await resolver.spaceOf(reference);
    if (identity === undefined) {
      throw unknown(name, `cannot tell which space ${describe(reference)} is in`);
    }
    if (!(await isAllowed(identity))) throw refuse(name, await nameOf(identity));
  }

  async function narrowed(operation: AnyOperation, input: unknown): Promise<unknown> {
    if (!operation.narrow) return input;
    const { keys } = await resolver.allowed();
    if (keys.length === 0) throw unknown(operation.name, 'none of the allowed spaces exists');
    try {
      return operation.narrow(input, keys);
    } catch (error) {
      throw policyError(
        'POLICY_QUERY_NOT_NARROWED',
        `${operation.name}: refused by policy allowedSpaces: ${(error as Error).message}`,
        'allowedSpaces',
      );
    }
  }

  return {
    async check(operation, input) {
      if (operation.siteWide === 'site') return input;
      if (operation.siteWide === 'every-space') {
        throw unknown(operation.name, 'its answer covers every space and cannot be narrowed');
      }
      const references = [operation.space?.(input) ?? []].flat() as SpaceReference[];
      if (references.length === 0 && operation.kind === 'write') {
        throw unknown(operation.name, 'cannot tell which space this write touches');
      }
      for (const reference of references) await checkReference(operation.name, reference);
      return narrowed(operation, input);
    },
    async screen(operation, answer) {
      if (operation.siteWide === 'site') return { answer, withheld: 0 };
      const items = listedItems(answer);
      if (items === undefined) {
        const reference = spaceReferenceIn(answer);
        const identity = reference && (await resolver.spaceOf(reference));
        if (identity && !(await isAllowed(identity))) {
          throw refuse(operation.name, await nameOf(identity));
        }
        return { answer, withheld: 0 };
      }
      const kept = await Promise.all(items.map((item) => keepItem(item)));
      const results = items.filter((_item, index) => kept[index]);
      if (results.length === items.length) return { answer, withheld: 0 };
      return {
        answer: { ...(answer as object), results },
        withheld: items.length - results.length,
      };
    },
  } satisfies SpacePolicy;

  /** An item naming no space is kept (labels, versions); one whose space cannot be found is not. */
  async function keepItem(item: unknown): Promise<boolean> {
    const reference = spaceReferenceIn(item);
    if (reference === undefined) return true;
    const identity = await resolver.spaceOf(reference);
    return identity !== undefined && (await isAllowed(identity));
  }
}

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
