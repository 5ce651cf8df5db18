/**
 * One client's view of the job service (DESIGN.md, "Clients and tenants"): the jobs it starts
 * carry its name, and a job another user-role client started answers `JOB_NOT_FOUND` on every
 * method, exactly as a job that does not exist (so ids cannot be probed); lists hold its own
 * jobs only. An admin, and an in-process caller with no requester (the CLI), see every job.
 * REST and MCP both act through this view, so the rule holds on every path.
 */
import type { Requester } from '../clients/types.ts';
import { ownedBy, ownerFilter } from '../clients/visibility.ts';
import { JobsError } from './errors.ts';
import type { JobEvent, JobService, JobStatus } from './types.ts';

/**
 * @example
 * const jobs = visibleJobs(workbench.jobs, { name: 'docs', role: 'user' });
 * await jobs.status('job_of_ops'); // throws JobsError JOB_NOT_FOUND
 */
export function visibleJobs(jobs: JobService, requester: Requester | undefined): JobService {
  if (requester === undefined) return jobs;
  const owned = new Set<string>();
  const check = async (jobId: string): Promise<JobStatus> => {
    const status = await jobs.status(jobId);
    if (!ownedBy(requester, status.client)) {
      throw new JobsError('JOB_NOT_FOUND', `no job "${jobId}"`);
    }
    owned.add(jobId);
    return status;
  };
  const after =
    <T>(action: (jobId: string) => Promise<T>) =>
    async (jobId: string): Promise<T> => {
      await check(jobId);
      return action(jobId);
    };
  return {
    start: (input, options) => jobs.start(input, { ...options, client: requester.name }),
    resume: after((jobId) => jobs.resume(jobId)),
    pause: after((jobId) => jobs.pause(jobId)),
    cancel: after((jobId) => jobs.cancel(jobId)),
    status: check,
    list: (options) => {
      const client = ownerFilter(requester);
      return jobs.list({ ...options, ...(client === undefined ? {} : { client }) });
    },
    items: async (jobId, options) => {
      await check(jobId);
      return jobs.items(jobId, options);
    },
    report: after((jobId) => jobs.report(jobId)),
    wait: async (jobId, signal) => {
      await check(jobId);
      return jobs.wait(jobId, signal);
    },
    subscribe: (jobId, listener) =>
      jobs.subscribe(jobId, (event) => {
        if (visible(event, requester, owned)) listener(event);
      }),
    resumeInterrupted: async () => [],
    close: async () => {},
  };
}

/** An event of a job this client may see (a progress event names its owner; others its id). */
function visible(event: JobEvent, requester: Requester, owned: Set<string>): boolean {
  if (event.type === 'progress') {
    if (!ownedBy(requester, event.status.client)) return false;
    owned.add(event.status.jobId);
    return true;
  }
  return owned.has(event.jobId);
}
