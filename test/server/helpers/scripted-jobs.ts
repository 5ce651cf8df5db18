/**
 * A JobService whose items run test-supplied functions, in memory: for testing the service's own
 * job surfaces (routes, validation, error translation, event streams, MCP tools) with exact
 * control over timing. The real engine, store and sandbox are exercised in test/e2e.
 */
import type {
  JobEvent,
  JobItemReport,
  JobItemState,
  JobListOptions,
  JobReport,
  JobService,
  JobState,
  JobStatus,
  StartJobInput,
} from '../../../src/jobs/types.ts';
import { TERMINAL_JOB_STATES } from '../../../src/jobs/types.ts';

export type ItemBehaviour = (item: unknown, input: StartJobInput) => Promise<unknown> | unknown;

/** Typed errors as the engine throws them: a stable `code`. */
export class ScriptedJobsError extends Error {
  override name = 'JobsError';
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

interface Job {
  status: JobStatus;
  input: StartJobInput;
  items: JobItemReport[];
  client?: string;
  /** A loop is taking items (a resume while it awaits one must not start a second). */
  looping?: boolean;
}

export class ScriptedJobs implements JobService {
  readonly started: Array<{ input: StartJobInput; client?: string }> = [];
  readonly #jobs = new Map<string, Job>();
  readonly #listeners = new Set<{ jobId?: string; listener: (event: JobEvent) => void }>();
  #next = 1;
  behaviour: ItemBehaviour;

  constructor(behaviour: ItemBehaviour = (item) => ({ item })) {
    this.behaviour = behaviour;
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }

  async start(input: StartJobInput, options: { start?: boolean; client?: string } = {}) {
    if (input.code.includes('syntax error'))
      throw new ScriptedJobsError('INVALID_JOB', 'the script does not compile: syntax error');
    const jobId = input.id ?? `j_${this.#next++}`;
    if (this.#jobs.has(jobId))
      throw new ScriptedJobsError('JOB_EXISTS', `a job with id "${jobId}" exists`);
    this.started.push({ input, ...(options.client ? { client: options.client } : {}) });
    const items = (input.items ?? []).map((item, position) => ({
      key: String((item as { id?: unknown })?.id ?? position),
      position,
      state: 'pending' as JobItemState,
      attempts: 0,
      item,
    }));
    const now = new Date().toISOString();
    const job: Job = {
      input,
      items,
      status: {
        jobId,
        state: 'running',
        counts: {
          total: items.length,
          pending: items.length,
          running: 0,
          done: 0,
          failed: 0,
          skipped: 0,
        },
        calls: { total: 0, reads: 0, writes: 0, retries: 0, failed: 0 },
        startedAt: now,
        updatedAt: now,
        itemsPerSecond: 0,
        etaSeconds: null,
        ...(options.client ? { client: options.client } : {}),
      },
    };
    this.#jobs.set(jobId, job);
    if (options.start !== false) void this.#run(job);
    return structuredClone(job.status);
  }

  async #run(job: Job): Promise<void> {
    if (job.looping) return;
    job.looping = true;
    try {
      await this.#loop(job);
    } finally {
      job.looping = false;
    }
  }

  async #loop(job: Job): Promise<void> {
    for (const item of job.items) {
      if (job.status.state !== 'running') return;
      if (item.state !== 'pending') continue;
      item.attempts += 1;
      item.state = 'running';
      this.#count(job);
      try {
        item.output = await this.behaviour(item.item, job.input);
        item.state = 'done';
      } catch (error) {
        item.state = 'failed';
        item.error = { code: 'ITEM_FAILED', message: (error as Error).message };
        this.#emit({ type: 'item-failed', jobId: job.status.jobId, item: structuredClone(item) });
      }
      this.#count(job);
      this.#emit({ type: 'progress', status: structuredClone(job.status) });
    }
    if (job.status.state === 'running') this.#setState(job, 'done');
  }

  #count(job: Job): void {
    const counts = job.status.counts;
    for (const state of ['pending', 'running', 'done', 'failed', 'skipped'] as const)
      counts[state] = job.items.filter((item) => item.state === state).length;
    job.status.updatedAt = new Date().toISOString();
  }

  #setState(job: Job, state: JobState, reason?: string): void {
    job.status.state = state;
    if (reason) job.status.reason = reason;
    this.#emit({ type: 'state', jobId: job.status.jobId, state, ...(reason ? { reason } : {}) });
  }

  #emit(event: JobEvent): void {
    const jobId = event.type === 'progress' ? event.status.jobId : event.jobId;
    for (const { jobId: wanted, listener } of this.#listeners)
      if (wanted === undefined || wanted === jobId) listener(event);
  }

  #job(jobId: string): Job {
    const job = this.#jobs.get(jobId);
    if (!job) throw new ScriptedJobsError('JOB_NOT_FOUND', `no job with id "${jobId}"`);
    return job;
  }

  async resume(jobId: string) {
    const job = this.#job(jobId);
    if (TERMINAL_JOB_STATES.includes(job.status.state))
      throw new ScriptedJobsError('JOB_FINISHED', `job "${jobId}" has ended (${job.status.state})`);
    this.#setState(job, 'running');
    void this.#run(job);
    return structuredClone(job.status);
  }

  async pause(jobId: string) {
    const job = this.#job(jobId);
    if (job.status.state === 'running') this.#setState(job, 'paused');
    return structuredClone(job.status);
  }

  async cancel(jobId: string) {
    const job = this.#job(jobId);
    if (TERMINAL_JOB_STATES.includes(job.status.state))
      throw new ScriptedJobsError('JOB_FINISHED', `job "${jobId}" has ended (${job.status.state})`);
    for (const item of job.items) if (item.state === 'pending') item.state = 'skipped';
    this.#count(job);
    this.#setState(job, 'cancelled', 'cancelled by request');
    return structuredClone(job.status);
  }

  async status(jobId: string) {
    return structuredClone(this.#job(jobId).status);
  }

  async list(options: JobListOptions = {}) {
    return [...this.#jobs.values()]
      .map((job) => structuredClone(job.status))
      .filter((status) => !options.state || status.state === options.state)
      .filter((status) => !options.client || status.client === options.client)
      .reverse()
      .slice(0, options.limit ?? 50);
  }

  async items(
    jobId: string,
    options: { state?: JobItemState; offset?: number; limit?: number } = {},
  ) {
    const offset = options.offset ?? 0;
    return this.#job(jobId)
      .items.filter((item) => !options.state || item.state === options.state)
      .slice(offset, offset + (options.limit ?? 100))
      .map((item) => structuredClone(item));
  }

  async report(jobId: string): Promise<JobReport> {
    const job = this.#job(jobId);
    const failures = job.items.filter((item) => item.state === 'failed');
    return { status: structuredClone(job.status), durationMs: 0, failures };
  }

  wait(jobId: string): Promise<JobStatus> {
    return new Promise((resolve) => {
      const check = () => {
        const { status } = this.#job(jobId);
        if (TERMINAL_JOB_STATES.includes(status.state) || status.state === 'paused') {
          unsubscribe();
          resolve(structuredClone(status));
        }
      };
      const unsubscribe = this.subscribe(jobId, check);
      check();
    });
  }

  subscribe(jobId: string | undefined, listener: (event: JobEvent) => void): () => void {
    const entry = { ...(jobId === undefined ? {} : { jobId }), listener };
    this.#listeners.add(entry);
    return () => this.#listeners.delete(entry);
  }

  async resumeInterrupted(): Promise<string[]> {
    return [];
  }

  async close(): Promise<void> {
    for (const job of this.#jobs.values())
      if (job.status.state === 'running') this.#setState(job, 'paused');
  }
}
