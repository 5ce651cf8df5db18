/**
 * Request schemas of the jobs REST API (/v1/jobs). The bodies follow src/jobs/types.ts
 * (StartJobInput, JobOptions); the engine checks the script's form and clamps what it must.
 */
import { z } from 'zod';

/** The engine's bound on concurrency (src/jobs/types.ts, JobOptions.concurrency). */
export const MAX_JOB_CONCURRENCY = 64;
/** Items one `GET /v1/jobs/:id/items` page holds at most. */
export const MAX_JOB_ITEMS_PAGE = 1_000;
export const DEFAULT_JOB_ITEMS_PAGE = 100;
const MAX_LIST_LIMIT = 500;
const MAX_RETRIES = 20;
/** Small explicit maxima: an unbounded integer costs MCP clients a 16-digit bound per field. */
const MAX_FAILURES_BOUND = 10_000_000;
const MAX_ITEM_TIMEOUT_MS = 3_600_000;

const jobStates = [
  'enumerating',
  'running',
  'pausing',
  'paused',
  'done',
  'failed',
  'cancelled',
] as const;
const itemStates = ['pending', 'running', 'done', 'failed', 'skipped'] as const;

export const jobOptionsSchema = z.strictObject({
  concurrency: z.int().min(1).max(MAX_JOB_CONCURRENCY).optional(),
  retries: z.int().min(0).max(MAX_RETRIES).optional(),
  maxFailures: z.int().min(1).max(MAX_FAILURES_BOUND).optional(),
  dryRun: z.boolean().optional(),
  itemTimeoutMs: z.int().min(1).max(MAX_ITEM_TIMEOUT_MS).optional(),
});

/** A job id is a path segment and a file-name-like handle: keep it to safe characters. */
export const jobIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'letters, digits, "_", "." and "-", at most 64');

export const startJobBodySchema = z.strictObject({
  code: z
    .string({ error: 'required: the job script (export default async function (item, params))' })
    .min(1, 'must not be empty'),
  items: z.array(z.unknown(), { error: 'must be a JSON array of items' }).optional(),
  params: z.unknown().optional(),
  options: jobOptionsSchema.optional(),
  id: jobIdSchema.optional(),
  /** The file the code came from (`job start --detach` sends it), for reports. */
  file: z.string().max(1_000).optional(),
});

export const listJobsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_LIST_LIMIT).optional(),
  state: z.enum(jobStates).optional(),
});

export const jobItemsQuerySchema = z.object({
  state: z.enum(itemStates).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_JOB_ITEMS_PAGE).default(DEFAULT_JOB_ITEMS_PAGE),
});
