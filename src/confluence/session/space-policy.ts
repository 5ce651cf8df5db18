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
import { createSpaceRules, type SpaceRules } from './space-rules.ts';
import type { SpaceResolver } from './space-resolver.ts';

export interface SpacePolicy {
  /** Resolves with the input to send (narrowed when the operation can be); else throws a refusal. */
  check(operation: AnyOperation, input: unknown): Promise<unknown>;
  /** A read's answer with other spaces' items withheld; throws for a single object of another space. */
  screen(operation: AnyOperation, answer: unknown): Promise<{ answer: unknown; withheld: number }>;
}

/**
 * @example
 * const spaces = createSpacePolicy(['MKT'], createSpaceResolver(['MKT'], request));
 * const input = await spaces.check(operation, { cql: 'type = page' }); // CQL narrowed to MKT
 */
export function createSpacePolicy(
  configured: readonly string[],
  resolver: SpaceResolver,
): SpacePolicy {
  const rules = createSpaceRules(configured, resolver);
  return {
    check: (operation, input) => checkCall(rules, operation, input),
    screen: (operation, answer) => screenAnswer(rules, operation, answer),
  };
}

async function checkCall(rules: SpaceRules, operation: AnyOperation, input: unknown) {
  if (operation.siteWide === 'site') return input;
  if (operation.siteWide === 'every-space') {
    throw rules.unknown(operation.name, 'its answer covers every space and cannot be narrowed');
  }
  const references = [operation.space?.(input) ?? []].flat() as SpaceReference[];
  if (references.length === 0 && operation.kind === 'write') {
    throw rules.unknown(operation.name, 'cannot tell which space this write touches');
  }
  for (const reference of references) await rules.checkReference(operation.name, reference);
  return narrowed(rules, operation, input);
}

async function narrowed(rules: SpaceRules, operation: AnyOperation, input: unknown) {
  if (!operation.narrow) return input;
  const { keys } = await rules.resolver.allowed();
  if (keys.length === 0) throw rules.unknown(operation.name, 'none of the allowed spaces exists');
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

async function screenAnswer(rules: SpaceRules, operation: AnyOperation, answer: unknown) {
  if (operation.siteWide === 'site') return { answer, withheld: 0 };
  const items = listedItems(answer);
  if (items === undefined) {
    const reference = spaceReferenceIn(answer);
    const identity = reference && (await rules.resolver.spaceOf(reference));
    if (identity && !(await rules.isAllowed(identity))) {
      throw rules.refuse(operation.name, await rules.nameOf(identity));
    }
    return { answer, withheld: 0 };
  }
  const kept = await Promise.all(items.map((item) => keepItem(rules, item)));
  const results = items.filter((_item, index) => kept[index]);
  if (results.length === items.length) return { answer, withheld: 0 };
  return { answer: { ...(answer as object), results }, withheld: items.length - results.length };
}

/** An item naming no space is kept (labels, versions); one whose space cannot be found is not. */
async function keepItem(rules: SpaceRules, item: unknown): Promise<boolean> {
  const reference = spaceReferenceIn(item);
  if (reference === undefined) return true;
  const identity = await rules.resolver.spaceOf(reference);
  return identity !== undefined && (await rules.isAllowed(identity));
}
