/**
 * `/v1/jobs`: batch jobs over REST (DESIGN.md "Jobs: the contract"). Mounted inside the `/v1`
 * routes, so the Host/Origin guard, bearer keys and body limit of `/v1/runs` apply unchanged.
 * A start answers 202 with the JobStatus as soon as the job exists; it runs in the service.
 * Errors: 400 bad input (naming the field), 404 unknown job, 409 a job id taken or a job that
 * has ended.
 */
import { Hono, type Context } from 'hono';
import type { JobService } from '../../jobs/types.ts';
import { visibleJobs } from '../../jobs/visible-jobs.ts';
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
  // Every route acts through the requesting client's view: its own jobs only, unless admin.
  const scoped = (c: Context<AppEnv>) => visibleJobs(options.jobs, c.get('client').tenant);
  const routes = new Hono<AppEnv>();

  routes.post('/', async (c) => {
    const body = await parseJsonBody(c, startJobBodySchema);
    const status = await translateJobErrors(() => scoped(c).start({ ...body, source: 'rest' }));
    return c.json(status, 202, { Location: `/v1/jobs/${encodeURIComponent(status.jobId)}` });
  });

  routes.get('/', async (c) => {
    const query = parseQuery(c, listJobsQuerySchema);
    return c.json({ jobs: await translateJobErrors(() => scoped(c).list(query)) });
  });

  routes.get('/:id', async (c) => {
    const jobId = c.req.param('id');
    return c.json(await translateJobErrors(() => scoped(c).status(jobId)));
  });

  routes.get('/:id/items', async (c) => {
    const jobId = c.req.param('id');
    const { state, offset, limit } = parseQuery(c, jobItemsQuerySchema);
    // One item more than asked tells whether another page follows, without a count query.
    const page = await translateJobErrors(async () =>
      scoped(c).items(jobId, { ...(state ? { state } : {}), offset, limit: limit + 1 }),
    );
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

  routes.get('/:id/events', (c) =>
    streamJobEvents(c, scoped(c), c.req.param('id'), options.events),
  );

  routes.post('/:id/pause', async (c) => c.json(await act(c, (id) => scoped(c).pause(id))));
  routes.post('/:id/resume', async (c) => c.json(await act(c, (id) => scoped(c).resume(id))));
  routes.post('/:id/cancel', async (c) => c.json(await act(c, (id) => scoped(c).cancel(id))));

  return routes;
}

function act<T>(c: Context<AppEnv>, action: (jobId: string) => Promise<T>): Promise<T> {
  const jobId = c.req.param('id')!;
  return translateJobErrors(() => action(jobId));
}
