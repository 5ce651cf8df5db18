/** Request schemas of the REST API (/v1). The bodies follow src/runs/types.ts (RunInput). */
import { z } from 'zod';

/**
 * An error message that says "required" only for a missing field: a field of the wrong type gets
 * zod's own "expected string, received number" (`{"code":5}` was reported as missing).
 */
function requiredOr(missing: string): (issue: { input?: unknown }) => string | undefined {
  return (issue) => (issue.input === undefined ? `required: ${missing}` : undefined);
}

export const runInputSchema = z.strictObject({
  code: z.string({ error: requiredOr('the TypeScript source to run') }).min(1, 'must not be empty'),
  params: z.unknown().optional(),
  dryRun: z.boolean().optional(),
  timeoutMs: z.number().int().positive().optional(),
  resultBudget: z.number().int().positive().optional(),
  cpuTimeMs: z.number().int().positive().optional(),
  maxHostCalls: z.number().int().positive().optional(),
});

/** The mode is required: a replay that writes to Confluence again must be asked for by name. */
export const replayBodySchema = z.strictObject({
  mode: z.enum(['live', 'dry-run', 'recorded'], {
    error: requiredOr(
      'one of "live", "dry-run" (reads live, writes planned) or "recorded" (offline, from the recorded responses)',
    ),
  }),
});

const MAX_LIST_LIMIT = 500;

export const listRunsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_LIST_LIMIT).optional(),
  status: z.enum(['ok', 'error']).optional(),
});

export const readResultQuerySchema = z.object({
  path: z.string().optional(),
  offset: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).optional(),
});
