/**
 * The job service (the contract in ../types.ts): validates and creates jobs, runs them in this
 * process (./job-runner.ts), and answers for every job in the store, whichever process runs it:
 * a pause or cancel of a job another live process owns is written to the store, and that process
 * acts on it at its next heartbeat.
 */
import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import type { Sandbox } from '../../../sandbox/types.ts';
import type { RunSession, SessionMode } from '../../confluence/types.ts';
import { JobsError } from '../errors.ts';
import type { JobRow, JobsStore } from '../store/jobs-store.ts';
import { TERMINAL_JOB_STATES, type JobEvent, type JobService, type JobStatus } from '../types.ts';
import { type JobRun, startJobRun } from './job-runner.ts';
import type { ResolvedJobOptions } from './options.ts';
import { ownerAlive, ownerName, processExists } from './ownership.ts';
import { reportOf } from './report.ts';
import { checkJobScript } from './script.ts';
import { checkedInput } from './start-input.ts';
import { itemReportOf, statusOf } from './status.ts';

export interface JobServiceOptions {
  store: JobsStore;
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
  const job = (jobId: string): JobRow => {
    const row = typeof jobId === 'string' ? store.getJob(jobId) : undefined;
    if (!row) throw new JobsError('JOB_NOT_FOUND', `no job "${String(jobId)}"`);
    return row;
  };
  const status = (jobId: string): JobStatus => {
    const row = job(jobId);
    return statusOf(row, store.counts(jobId), now(), runs.get(jobId)?.runningSince);
  };
  const liveOwner = (row: JobRow) =>
    row.owner !== null &&
    row.owner !== owner &&
    ownerAlive(row.owner, row.heartbeat_at, now(), exists);

  const execution = () => {
    if (!options.execution) throw new Error('this job service only reads the jobs store');
    return options.execution;
  };

  function launch(row: JobRow): void {
    const { sandbox, createSession } = execution();
    if (liveOwner(row)) {
      throw new JobsError(
        'JOB_BUSY',
        `job "${row.id}" is running in another process (${row.owner}); pause it there, or wait`,
      );
    }
    if (!store.takeOwnership(row.id, owner, row.owner, now())) {
      throw new JobsError('JOB_BUSY', `job "${row.id}" was just taken by another process`);
    }
    store.requeueRunning(row.id);
    store.updateJob(row.id, { requested: null, reason: null }, now());
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
      emit,
      progress: () => ({ type: 'progress', status: status(row.id) }),
    });
    runs.set(row.id, run);
    void run.done.finally(() => {
      runs.delete(row.id);
      store.releaseOwnership(row.id, owner, now());
      emit({ type: 'progress', status: status(row.id) });
    });
  }

  async function wait(jobId: string, signal?: AbortSignal): Promise<JobStatus> {
    for (;;) {
      const current = status(jobId);
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
      if (store.getJob(checked.id)) {
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
      store.createJob(
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
      if (start) launch(job(checked.id));
      return status(checked.id);
    },
    async resume(jobId) {
      const row = job(jobId);
      if (TERMINAL_JOB_STATES.includes(row.state)) {
        throw new JobsError('JOB_FINISHED', `job "${jobId}" is ${row.state}; nothing to resume`);
      }
      if (!runs.has(jobId)) launch(row);
      return status(jobId);
    },
    async pause(jobId) {
      return request(jobId, 'pause');
    },
    async cancel(jobId) {
      return request(jobId, 'cancel');
    },
    status: async (jobId) => status(jobId),
    async list(listOptions = {}) {
      const limit = listOptions.limit ?? 100;
      if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
        throw new JobsError('INVALID_JOB', `limit must be an integer from 1 to ${MAX_LIST_LIMIT}`);
      }
      return store
        .listJobs({
          limit,
          ...(listOptions.state ? { state: listOptions.state } : {}),
          ...(listOptions.client ? { client: listOptions.client } : {}),
        })
        .map((row) => statusOf(row, store.counts(row.id), now(), runs.get(row.id)?.runningSince));
    },
    async items(jobId, itemOptions = {}) {
      job(jobId);
      const limit = Math.min(Math.max(1, itemOptions.limit ?? 100), 10_000);
      return store
        .items(jobId, {
          offset: Math.max(0, itemOptions.offset ?? 0),
          limit,
          ...(itemOptions.state ? { state: itemOptions.state } : {}),
        })
        .map(itemReportOf);
    },
    report: async (jobId) => reportOf(store, status(jobId), job(jobId)),
    wait,
    subscribe(jobId, listener) {
      const name = jobId ?? '*';
      events.on(name, listener);
      return () => events.off(name, listener);
    },
    async resumeInterrupted() {
      const resumed: string[] = [];
      for (const row of store.listJobs({ limit: MAX_LIST_LIMIT })) {
        if (!RESUMABLE.includes(row.state) || row.source === 'cli' || runs.has(row.id)) continue;
        if (liveOwner(row)) continue;
        launch(row);
        resumed.push(row.id);
      }
      return resumed;
    },
    async close() {
      for (const run of runs.values()) run.pause();
      await Promise.all([...runs.values()].map((run) => run.done));
    },
  };

  function request(jobId: string, what: 'pause' | 'cancel'): JobStatus {
    const row = job(jobId);
    if (TERMINAL_JOB_STATES.includes(row.state)) {
      throw new JobsError('JOB_FINISHED', `job "${jobId}" is ${row.state} already`);
    }
    const run = runs.get(jobId);
    if (run) {
      if (what === 'pause') run.pause();
      else run.cancel();
    } else if (liveOwner(row)) {
      store.updateJob(
        jobId,
        { requested: what, ...(what === 'pause' ? { state: 'pausing' } : {}) },
        now(),
      );
    } else if (what === 'pause') {
      store.updateJob(jobId, { state: 'paused' }, now());
    } else {
      const at = now();
      store.requeueRunning(jobId);
      store.skipPending(jobId, at);
      store.updateJob(jobId, { state: 'cancelled', reason: 'cancelled', finished_at: at }, at);
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
