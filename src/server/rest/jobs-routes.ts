/**
 * `/v1/jobs`: batch jobs over REST (DESIGN.md "Jobs: the contract"). Mounted inside the `/v1`
 * routes, so the Host/Origin guard, bearer keys and body limit of `/v1/runs` apply unchanged.
 * A start answers 202 with the JobStatus as soon as the job exists; it runs in the service.
 * Errors: 400 bad input (naming the field), 404 unknown job, 409 a job id taken or a job that
 * has ended.
 */
import { Hono, type Context } from 'hono';
import type { JobService } from '../../jobs/types.ts';
import type { AppEnv } from '../http/app-env.ts';
import { streamJobEvents, type JobEventsOptions } from './job-events.ts';
import { translateJobErrors } from './job-errors.ts';
import { jobItemsQuerySchema, listJobsQuerySchema, startJobBodySchema } from './job-schemas.ts';
import { parseJsonBody, parseQuery } from './validation.ts';

export interface JobRoutesOptions {
  jobs: JobService;
  events?: JobEventsOptions;
}

/**
 * @example
 * routes.route('/jobs', createJobRoutes({ jobs: workbench.jobs }));
 */
export function createJobRoutes(options: JobRoutesOptions): Hono<AppEnv> {
  const { jobs } = options;
  const routes = new Hono<AppEnv>();

  routes.post('/', async (c) => {
    const body = await parseJsonBody(c, startJobBodySchema);
    const client = clientName(c);
    const status = await translateJobErrors(() =>
      jobs.start({ ...body, source: 'rest' }, client === undefined ? {} : { client }),
    );
    return c.json(status, 202, { Location: `/v1/jobs/${encodeURIComponent(status.jobId)}` });
  });

  routes.get('/', async (c) => {
    const query = parseQuery(c, listJobsQuerySchema);
    return c.json({ jobs: await translateJobErrors(() => jobs.list(query)) });
  });

  routes.get('/:id', async (c) => {
    const jobId = c.req.param('id');
    return c.json(await translateJobErrors(() => jobs.status(jobId)));
  });

  routes.get('/:id/items', async (c) => {
    const jobId = c.req.param('id');
    const { state, offset, limit } = parseQuery(c, jobItemsQuerySchema);
    // One item more than asked tells whether another page follows, without a count query.
    const page = await translateJobErrors(async () => {
      await jobs.status(jobId);
      return jobs.items(jobId, { ...(state ? { state } : {}), offset, limit: limit + 1 });
    });
    const hasMore = page.length > limit;
    return c.json({
      jobId,
      ...(state ? { state } : {}),
      offset,
      limit,
      items: page.slice(0, limit),
      hasMore,
      ...(hasMore ? { nextOffset: offset + limit } : {}),
    });
  });

  routes.get('/:id/events', (c) => streamJobEvents(c, jobs, c.req.param('id'), options.events));

  routes.post('/:id/pause', async (c) => c.json(await act(c, (id) => jobs.pause(id))));
  routes.post('/:id/resume', async (c) => c.json(await act(c, (id) => jobs.resume(id))));
  routes.post('/:id/cancel', async (c) => c.json(await act(c, (id) => jobs.cancel(id))));

  return routes;
}

function act<T>(c: Context<AppEnv>, action: (jobId: string) => Promise<T>): Promise<T> {
  const jobId = c.req.param('id')!;
  return translateJobErrors(() => action(jobId));
}

/**
 * The requesting client's name, when the authentication in front knows one (a clients file:
 * DESIGN.md "Clients and tenants"); plain WORKBENCH_API_KEYS name no one, and jobs then carry none.
 */
function clientName(c: Context<AppEnv>): string | undefined {
  const identity = c.get('client') as { name?: unknown } | undefined;
  return typeof identity?.name === 'string' ? identity.name : undefined;
}
