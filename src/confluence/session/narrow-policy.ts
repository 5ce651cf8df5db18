/**
 * A client's policy (DESIGN.md "Clients and tenants") can only narrow the server's: the result is
 * the PolicyConfig a run session of that client is created with, so the same code holds both.
 * An empty list means "all" in a PolicyConfig, so an intersection that leaves nothing cannot be
 * written as one: it is a configuration error rather than a policy that would allow everything.
 */
import { ConfigError, type PolicyConfig } from '../../config.ts';
import { isOperationAllowed } from './policy.ts';

/**
 * @example
 * narrowPolicy(config.policy, { allowedSpaces: ['DOCS'], maxWritesPerRun: 50 }, names, 'docs-agent');
 */
export function narrowPolicy(
  server: PolicyConfig,
  client: Partial<PolicyConfig>,
  operationNames: readonly string[],
  clientName: string,
): PolicyConfig {
  return {
    readOnly: server.readOnly || client.readOnly === true,
    maxWritesPerRun: Math.min(server.maxWritesPerRun, client.maxWritesPerRun ?? Infinity),
    allowedSpaces: narrowSpaces(server.allowedSpaces, client.allowedSpaces ?? [], clientName),
    allowedOperations: narrowOperations(
      server.allowedOperations,
      client.allowedOperations ?? [],
      operationNames,
      clientName,
    ),
  };
}

function narrowSpaces(server: readonly string[], client: readonly string[], name: string) {
  if (client.length === 0) return [...server];
  if (server.length === 0) return [...client];
  const allowed = new Set(server.map((key) => key.toUpperCase()));
  const both = client.filter((key) => allowed.has(key.toUpperCase()));
  if (both.length === 0) {
    throw new ConfigError(
      `client ${name}: allowedSpaces ${client.join(', ')} has none of the server's (${server.join(', ')})`,
    );
  }
  return both;
}

function narrowOperations(
  server: readonly string[],
  client: readonly string[],
  names: readonly string[],
  name: string,
) {
  if (client.length === 0) return [...server];
  if (server.length === 0) return [...client];
  const both = names.filter(
    (operation) => isOperationAllowed(operation, server) && isOperationAllowed(operation, client),
  );
  if (both.length === 0) {
    throw new ConfigError(
      `client ${name}: allowedOperations ${client.join(', ')} has none of the server's (${server.join(', ')})`,
    );
  }
  return both;
}
