/**
 * The job service (the contract in ../types.ts): validates and creates jobs, runs them in this
 * process (./job-runner.ts), and answers for every job in the store, whichever process runs it:
 * a pause or cancel of a job another live process owns is written to the store, and that process
 * acts on it at its next heartbeat.
 *
 * On a store several instances share (PostgreSQL), every instance works the items of the running
 * jobs it follows (a service follows all of them once `resumeInterrupted` ran; the CLI the job it
 * started or resumed): it polls for them, joins each one that has pending items as a worker, and
 * takes over a job whose owner died. `resume` of a job another live process owns joins it.
 */
import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import type { Sandbox } from '../../../sandbox/types.ts';
import type { RunSession, SessionMode } from '../../confluence/types.ts';
import { JobsError } from '../errors.ts';
import type { JobRow, JobsStore } from '../store/jobs-store.ts';
import { TERMINAL_JOB_STATES, type JobEvent, type JobService, type JobStatus } from '../types.ts';
import { type JobRun, type RunRole, startJobRun } from './job-runner.ts';
import type { ResolvedJobOptions } from './options.ts';
import { deadOnThisHost, ownerAlive, ownerName, processExists } from './ownership.ts';
import { reportOf } from './report.ts';
import { checkJobScript } from './script.ts';
import { checkedInput } from './start-input.ts';
import { itemReportOf, statusOf } from './status.ts';

export interface JobServiceOptions {
  store: JobsStore;
  /** The store is shared by several instances (PostgreSQL): join the running jobs of others. */
  shared?: boolean;
  /**
   * What runs items: the sandbox and a run session in a mode (the SDK's createRunSession bound
   * to the site and policy). Without it the service only reads and requests (`job status`,
   * `job pause` from another process): start and resume throw.
   */
  execution?: { sandbox: Pick<Sandbox, 'run'>; createSession: (mode: SessionMode) => RunSession };
  /** What the registry says of a call: read or write, and its target in words. */
  describe: (operation: string, args: unknown) => { kind: 'read' | 'write'; target?: string };
  /** The longest item attempt allowed (the sandbox's wall-clock ceiling). */
  maxItemTimeoutMs: number;
  /** Epoch milliseconds (default `Date.now`). */
  now?: () => number;
  /** Whether a process of this host exists (default: `kill(pid, 0)`). */
  processExists?: (pid: number) => boolean;
  newId?: () => string;
}

const MAX_LIST_LIMIT = 1_000;
const WAIT_POLL_MS = 250;
const RESUMABLE: readonly string[] = ['enumerating', 'running', 'pausing'];
/** How often an instance on a shared store looks for running jobs to join or take over. */
export const JOIN_POLL_MS = 1_000;

/**
 * @example
 * const jobs = createJobService({ store, sandbox, createSession, describe, maxItemTimeoutMs: 120_000 });
 * const { jobId } = await jobs.start({ code, items: [{ id: '65537' }] });
 * await jobs.wait(jobId);
 */
export function createJobService(options: JobServiceOptions): JobService {
  const { store } = options;
  const now = options.now ?? Date.now;
  const exists = options.processExists ?? processExists;
  const owner = ownerName(randomBytes(4).toString('hex'));
  const newId = options.newId ?? defaultId(now);
  const runs = new Map<string, JobRun>();
  const events = new EventEmitter();
  events.setMaxListeners(0);

  const emit = (event: JobEvent) => {
    const jobId = event.type === 'progress' ? event.status.jobId : event.jobId;
    events.emit(jobId, event);
    events.emit('*', event);
  };
  const job = async (jobId: string): Promise<JobRow> => {
    const row = typeof jobId === 'string' ? await store.getJob(jobId) : undefined;
    if (!row) throw new JobsError('JOB_NOT_FOUND', `no job "${String(jobId)}"`);
    return row;
  };
  const statusOfRow = async (row: JobRow): Promise<JobStatus> =>
    statusOf(row, await store.counts(row.id), now(), runs.get(row.id)?.runningSince);
  const status = async (jobId: string): Promise<JobStatus> => statusOfRow(await job(jobId));
  const liveOwner = (row: JobRow) =>
    row.owner !== null &&
    row.owner !== owner &&
    ownerAlive(row.owner, row.heartbeat_at, now(), exists);
  // Jobs this instance works on a shared store: all of them (a service), or those it was given.
  const followed = new Set<string>();
  let followAll = false;

  const execution = () => {
    if (!options.execution) throw new Error('this job service only reads the jobs store');
    return options.execution;
  };

  /**
   * Runs the job here: as its owner, or (on a shared store, while another live process owns it)
   * as a worker beside that owner.
   * @throws JobsError `JOB_BUSY` when another live process owns it and the store is not shared.
   */
  async function launch(row: JobRow): Promise<RunRole> {
    const { sandbox, createSession } = execution();
    let role: RunRole = 'owner';
    if (liveOwner(row) || !(await store.takeOwnership(row.id, owner, row.owner, now()))) {
      if (!options.shared) {
        throw new JobsError(
          'JOB_BUSY',
          `job "${row.id}" is running in another process (${row.owner}); pause it there, or wait`,
        );
      }
      role = 'worker';
    }
    if (role === 'owner') {
      // Items the previous owner left running: on a store only this host uses, its processes
      // are all there is (one owner at a time), so every one goes back; on a shared store, those
      // of dead processes of this host, and the others once their leases run out.
      if (options.shared) await requeueDead(row.id);
      else await store.requeueRunning(row.id);
      await store.updateJob(row.id, { requested: null, reason: null }, now());
    }
    const run = startJobRun({
      store,
      sandbox,
      createSession,
      describe: options.describe,
      now,
      jobId: row.id,
      code: row.code,
      params: row.params === null ? undefined : (JSON.parse(row.params) as unknown),
      options: JSON.parse(row.options) as ResolvedJobOptions,
      owner,
      role,
      isDead: (name) => deadOnThisHost(name, exists),
      ownerAlive: (current) =>
        current.owner !== null && ownerAlive(current.owner, current.heartbeat_at, now(), exists),
      emit,
      progress: async () => ({ type: 'progress', status: await status(row.id) }),
    });
    runs.set(row.id, run);
    void run.done.finally(async () => {
      runs.delete(row.id);
      try {
        if (run.role() === 'owner') await store.releaseOwnership(row.id, owner, now());
        emit({ type: 'progress', status: await status(row.id) });
      } catch {
        // The store is away: the next poll or resume sees the job as it is.
      }
    });
    return role;
  }

  async function requeueDead(jobId: string): Promise<void> {
    for (const name of await store.leaseOwners(jobId)) {
      if (name === owner || deadOnThisHost(name, exists)) await store.requeueRunning(jobId, name);
    }
  }

  /** One look at the shared store: join the followed running jobs, take over orphaned ones. */
  async function poll(): Promise<string[]> {
    const joined: string[] = [];
    for (const row of await store.activeJobs(MAX_LIST_LIMIT)) {
      if (runs.has(row.id) || !(followAll || followed.has(row.id))) continue;
      const orphaned = !liveOwner(row) && row.owner !== owner;
      const joinable =
        row.state === 'running' &&
        row.enumerated === 1 &&
        row.requested === null &&
        (await store.counts(row.id)).pending > 0;
      if (!orphaned && !joinable) continue;
      try {
        await launch(row);
        joined.push(row.id);
      } catch {
        // Taken by another instance at the same moment: the next poll sees it.
      }
    }
    return joined;
  }
  let polling: NodeJS.Timeout | undefined;
  let polled: Promise<unknown> = Promise.resolve();
  const follow = (jobId?: string) => {
    if (!options.shared || !options.execution) return;
    if (jobId === undefined) followAll = true;
    else followed.add(jobId);
    polling ??= setInterval(() => {
      polled = polled.then(poll).catch(() => undefined);
    }, JOIN_POLL_MS);
  };

  async function wait(jobId: string, signal?: AbortSignal): Promise<JobStatus> {
    for (;;) {
      const current = await status(jobId);
      if (TERMINAL_JOB_STATES.includes(current.state) || current.state === 'paused') {
        if (!runs.has(jobId)) return current;
      }
      if (signal?.aborted) return current;
      const run = runs.get(jobId);
      if (run) await Promise.race([run.done, aborted(signal)]);
      else await delay(WAIT_POLL_MS, signal);
    }
  }

  return {
    async start(input, startOptions = {}) {
      const checked = checkedInput(input, options.maxItemTimeoutMs, newId);
      if (await store.getJob(checked.id)) {
        throw new JobsError(
          'JOB_EXISTS',
          `a job "${checked.id}" exists already; choose another id`,
        );
      }
      await checkJobScript(execution().sandbox, input.code, {
        needsItems: checked.items === undefined,
        params: input.params,
      });
      const start = startOptions.start !== false;
      await store.createJob(
        {
          id: checked.id,
          client: startOptions.client,
          source: input.source,
          file: input.file,
          code: input.code,
          params: input.params === undefined ? undefined : JSON.stringify(input.params),
          options: JSON.stringify(checked.options),
          state: start ? (checked.items ? 'running' : 'enumerating') : 'paused',
          now: now(),
        },
        checked.items,
      );
      if (start) {
        await launch(await job(checked.id));
        follow(checked.id);
      }
      return status(checked.id);
    },
    async resume(jobId) {
      const row = await job(jobId);
      if (TERMINAL_JOB_STATES.includes(row.state)) {
        throw new JobsError('JOB_FINISHED', `job "${jobId}" is ${row.state}; nothing to resume`);
      }
      if (!runs.has(jobId)) await launch(row);
      follow(jobId);
      return status(jobId);
    },
    async pause(jobId) {
      return request(jobId, 'pause');
    },
    async cancel(jobId) {
      return request(jobId, 'cancel');
    },
    status: (jobId) => status(jobId),
    async list(listOptions = {}) {
      const limit = listOptions.limit ?? 100;
      if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
        throw new JobsError('INVALID_JOB', `limit must be an integer from 1 to ${MAX_LIST_LIMIT}`);
      }
      const rows = await store.listJobs({
        limit,
        ...(listOptions.state ? { state: listOptions.state } : {}),
        ...(listOptions.client ? { client: listOptions.client } : {}),
      });
      return Promise.all(rows.map(statusOfRow));
    },
    async items(jobId, itemOptions = {}) {
      await job(jobId);
      const limit = Math.min(Math.max(1, itemOptions.limit ?? 100), 10_000);
      const rows = await store.items(jobId, {
        offset: Math.max(0, itemOptions.offset ?? 0),
        limit,
        ...(itemOptions.state ? { state: itemOptions.state } : {}),
      });
      return rows.map(itemReportOf);
    },
    report: async (jobId) => reportOf(store, await status(jobId), await job(jobId)),
    wait,
    subscribe(jobId, listener) {
      const name = jobId ?? '*';
      events.on(name, listener);
      return () => events.off(name, listener);
    },
    async resumeInterrupted() {
      if (options.shared) {
        // A shared store: work every running job, with the other instances, from now on.
        follow();
        return poll();
      }
      const resumed: string[] = [];
      for (const row of await store.listJobs({ limit: MAX_LIST_LIMIT })) {
        if (!RESUMABLE.includes(row.state) || row.source === 'cli' || runs.has(row.id)) continue;
        if (liveOwner(row)) continue;
        await launch(row);
        resumed.push(row.id);
      }
      return resumed;
    },
    async close() {
      clearInterval(polling);
      await polled;
      // A service that works every job of a shared store hands its jobs to the other instances;
      // otherwise (one process, or the CLI) its jobs pause, for a resume.
      for (const run of runs.values()) {
        if (followAll) run.leave();
        else run.pause();
      }
      await Promise.all([...runs.values()].map((run) => run.done));
    },
  };

  async function request(jobId: string, what: 'pause' | 'cancel'): Promise<JobStatus> {
    const row = await job(jobId);
    if (TERMINAL_JOB_STATES.includes(row.state)) {
      throw new JobsError('JOB_FINISHED', `job "${jobId}" is ${row.state} already`);
    }
    const run = runs.get(jobId);
    if (run?.role() === 'owner') {
      if (what === 'pause') run.pause();
      else run.cancel();
    } else if (run || liveOwner(row)) {
      // The owner is another process: it acts at its next heartbeat (and so do its workers).
      await store.updateJob(
        jobId,
        { requested: what, ...(what === 'pause' ? { state: 'pausing' } : {}) },
        now(),
      );
    } else if (what === 'pause') {
      await store.updateJob(jobId, { state: 'paused' }, now());
    } else {
      const at = now();
      await store.requeueRunning(jobId);
      await store.skipPending(jobId, at);
      await store.updateJob(
        jobId,
        { state: 'cancelled', reason: 'cancelled', finished_at: at },
        at,
      );
    }
    return status(jobId);
  }

  function defaultId(clock: () => number): () => string {
    return () => `job_${clock().toString(36)}${randomBytes(3).toString('hex')}`;
  }
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}

function aborted(signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) =>
    signal?.addEventListener('abort', () => resolve(), { once: true }),
  );
}
