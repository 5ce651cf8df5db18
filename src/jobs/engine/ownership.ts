/**
 * Single-node ownership: the process running a job writes its name (`host:pid:nonce`) and a
 * heartbeat. Another process may take the job over when the heartbeat is stale, or at once when
 * the owner was on this host and its process is gone (a SIGKILL), without waiting for the lease.
 */
import { hostname } from 'node:os';

/** A heartbeat older than this means the owner is gone (several missed beats). */
export const STALE_HEARTBEAT_MS = 10_000;

/** This process's owner name. */
export function ownerName(nonce: string): string {
  return `${hostname()}:${process.pid}:${nonce}`;
}

/** True when `pid` names a process of this host that exists (EPERM: it exists, not ours). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * @example
 * ownerAlive('box:4242:ab12', Date.now() - 500, Date.now(), processExists); // true while pid 4242 runs
 */
export function ownerAlive(
  owner: string,
  heartbeatAt: number | null,
  now: number,
  exists: (pid: number) => boolean,
): boolean {
  if (heartbeatAt === null || now - heartbeatAt > STALE_HEARTBEAT_MS) return false;
  const [host, pid] = owner.split(':');
  if (host !== hostname()) return true;
  const number = Number(pid);
  return Number.isSafeInteger(number) && number > 0 ? exists(number) : true;
}

/**
 * True when `name` (`host:pid:nonce`) is a process of this host that is gone: its item leases can
 * be taken back at once instead of waiting for them to expire. A name from another host is never
 * known dead here.
 *
 * @example
 * deadOnThisHost(`${hostname()}:999999:ab12`, processExists); // true: no such process
 */
export function deadOnThisHost(name: string, exists: (pid: number) => boolean): boolean {
  const [host, pid] = name.split(':');
  const number = Number(pid);
  return host === hostname() && Number.isSafeInteger(number) && number > 0 && !exists(number);
}
