/**
 * Who sees what (DESIGN.md, "Clients and tenants"): a run, its result, its replays and its jobs
 * belong to the client that made them. Another user-role client is told they do not exist (404,
 * never 403, so that ids cannot be probed); an admin sees every client's. Every surface that
 * shows stored things (runs, results, jobs) decides with these two functions.
 */
import type { Requester } from './types.ts';

/**
 * True when `requester` may see something made by `owner`. No requester means an in-process
 * caller with the store in hand (the CLI), which sees everything anyway; an owner of `undefined`
 * (made before tenants, or by the CLI) is visible to admins only.
 *
 * @example
 * ownedBy({ name: 'docs', role: 'user' }, 'docs'); // true
 * ownedBy({ name: 'docs', role: 'user' }, 'ops'); // false
 * ownedBy({ name: 'ops', role: 'admin' }, 'docs'); // true
 */
export function ownedBy(requester: Requester | undefined, owner: string | undefined): boolean {
  if (requester === undefined || requester.role === 'admin') return true;
  return owner !== undefined && owner === requester.name;
}

/**
 * The owner a listing must be restricted to, for a store query: `undefined` means every owner.
 *
 * @example
 * store.list({ client: ownerFilter(requester) });
 */
export function ownerFilter(requester: Requester | undefined): string | undefined {
  if (requester === undefined || requester.role === 'admin') return undefined;
  return requester.name;
}
