/**
 * Policy values checked when the workbench starts, so that a typo is a clear configuration error
 * rather than a policy that quietly allows nothing (or everything): every name in
 * allowedOperations must be an operation or a `resource.*` of the registry, and every key in
 * allowedSpaces a space of the site (asked once, keys compared without case).
 */
import { closest } from 'fastest-levenshtein';
import { ConfigError, type PolicyConfig } from '../../config.ts';
import { createSpaceResolver, type ResolverRequest } from './space-resolver.ts';

/**
 * The problem with allowedOperations, naming the nearest real name; `undefined` when all is well.
 * @example
 * unknownOperations(['pages.gett'], ['pages.get']);
 * // 'WORKBENCH_ALLOWED_OPERATIONS: "pages.gett" is not an operation (did you mean "pages.get"?)'
 */
export function unknownOperations(
  allowed: readonly string[],
  names: readonly string[],
): string | undefined {
  const resources = [...new Set(names.map((name) => `${name.split('.')[0]}.*`))];
  const known = new Set([...names, ...resources]);
  const unknown = allowed.filter((entry) => !known.has(entry));
  if (unknown.length === 0) return undefined;
  const described = unknown.map((entry) => {
    const nearest = closest(entry, entry.endsWith('.*') ? resources : [...names, ...resources]);
    return `"${entry}" is not an operation (did you mean "${nearest}"?)`;
  });
  return `WORKBENCH_ALLOWED_OPERATIONS: ${described.join('; ')}`;
}

/**
 * The problem with allowedSpaces, asked of the site once; `undefined` when every key names a
 * space. A failed request rejects: the caller decides whether that stops the start.
 */
export async function unknownSpaces(
  policy: Pick<PolicyConfig, 'allowedSpaces'>,
  request: ResolverRequest,
): Promise<string | undefined> {
  if (policy.allowedSpaces.length === 0) return undefined;
  const { missing } = await createSpaceResolver(policy.allowedSpaces, request).allowed();
  if (missing.length === 0) return undefined;
  const quoted = missing.map((key) => `"${key}"`).join(', ');
  return `WORKBENCH_ALLOWED_SPACES: the site has no space with the key ${quoted} (keys are compared without case; spaces.list shows the keys)`;
}

export interface PolicyCheckOptions {
  /** Every operation name of the registry. */
  operations: readonly string[];
  request: ResolverRequest;
  /** Told when the site could not be asked (the start goes on: runs still hold the policy). */
  onUnchecked?: (error: unknown) => void;
}

/**
 * Throws a {@link ConfigError} (the CLI exits 2) for an unknown operation name or space key.
 * @example
 * await assertPolicy(config.policy, { operations: OPERATIONS.map((o) => o.name), request: (spec) => client.request(spec) });
 */
export async function assertPolicy(
  policy: PolicyConfig,
  options: PolicyCheckOptions,
): Promise<void> {
  const operations = unknownOperations(policy.allowedOperations, options.operations);
  if (operations) throw new ConfigError(operations);
  let spaces: string | undefined;
  try {
    spaces = await unknownSpaces(policy, options.request);
  } catch (error) {
    options.onUnchecked?.(error);
    return;
  }
  if (spaces) throw new ConfigError(spaces);
}
