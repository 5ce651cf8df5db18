/**
 * A client's policy can only narrow the server's: spaces and operations are intersected, read-only
 * is OR-ed, the write cap is the smaller. "Empty means all" in {@link PolicyConfig}, so an
 * intersection that comes out empty would silently widen the policy to everything: that is refused
 * instead, when the clients file is loaded.
 */
import type { PolicyConfig } from '../config.ts';
import { isOperationAllowed } from '../confluence/session/policy.ts';
import type { ClientPolicy } from './clients-file.ts';

/**
 * The effective policy of a client, or a sentence saying why it would allow nothing.
 *
 * @example
 * narrowPolicy({ readOnly: false, allowedSpaces: ['MKT'], allowedOperations: [], maxWritesPerRun: 500 },
 *   { allowedSpaces: ['MKT', 'ENG'], maxWritesPerRun: 50 }, operationNames);
 * // { ok: true, policy: { readOnly: false, allowedSpaces: ['MKT'], allowedOperations: [], maxWritesPerRun: 50 } }
 */
export function narrowPolicy(
  server: PolicyConfig,
  client: ClientPolicy | undefined,
  operationNames: readonly string[],
): { ok: true; policy: PolicyConfig } | { ok: false; message: string } {
  if (!client) return { ok: true, policy: server };
  const allowedSpaces = intersectSpaces(server.allowedSpaces, client.allowedSpaces ?? []);
  if (allowedSpaces === null) {
    return {
      ok: false,
      message: `policy.allowedSpaces [${client.allowedSpaces?.join(', ')}] shares no space with the server's WORKBENCH_ALLOWED_SPACES [${server.allowedSpaces.join(', ')}]: this client could touch nothing`,
    };
  }
  const allowedOperations = intersectOperations(
    server.allowedOperations,
    client.allowedOperations ?? [],
    operationNames,
  );
  if (allowedOperations === null) {
    return {
      ok: false,
      message: `policy.allowedOperations [${client.allowedOperations?.join(', ')}] shares no operation with the server's WORKBENCH_ALLOWED_OPERATIONS [${server.allowedOperations.join(', ')}]: this client could call nothing`,
    };
  }
  return {
    ok: true,
    policy: {
      readOnly: server.readOnly || (client.readOnly ?? false),
      allowedSpaces,
      allowedOperations,
      maxWritesPerRun: Math.min(server.maxWritesPerRun, client.maxWritesPerRun ?? Infinity),
    },
  };
}

/** Keys compare case-insensitively (Confluence space keys are upper case); `null`: none in common. */
function intersectSpaces(server: readonly string[], client: readonly string[]): string[] | null {
  if (client.length === 0) return [...server];
  if (server.length === 0) return [...client];
  // The server's spelling is kept: refusals then quote the keys as the operator wrote them.
  const clientKeys = new Set(client.map((key) => key.toUpperCase()));
  const common = server.filter((key) => clientKeys.has(key.toUpperCase()));
  return common.length === 0 ? null : common;
}

/**
 * Patterns (`pages.*`) on both sides: when both lists are set, the result is every registry
 * operation both allow, spelt out. `null`: none in common.
 */
function intersectOperations(
  server: readonly string[],
  client: readonly string[],
  operationNames: readonly string[],
): string[] | null {
  if (client.length === 0) return [...server];
  if (server.length === 0) return [...client];
  const common = operationNames.filter(
    (name) => isOperationAllowed(name, server) && isOperationAllowed(name, client),
  );
  return common.length === 0 ? null : common;
}
