/**
 * The run envelope as a zod schema: `run_code`'s `outputSchema` (so clients can validate
 * `structuredContent`) and the shape REST documents. Objects are loose: the runs layer may add
 * fields (e.g. a replay's `divergence`) without breaking validation. Mirrors src/runs/types.ts.
 */
import { z } from 'zod';
import { ERROR_PHASES } from '../../../sandbox/types.ts';

export const envelopeErrorSchema = z.looseObject({
  phase: z.enum(ERROR_PHASES),
  code: z.string(),
  message: z.string(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  hint: z.string().optional(),
});

export const callSummarySchema = z.looseObject({
  total: z.number().int(),
  reads: z.number().int(),
  writes: z.number().int(),
  retries: z.number().int(),
  failed: z.number().int(),
});

export const writeRecordSchema = z.looseObject({
  operation: z.string(),
  target: z.string(),
  status: z.enum(['applied', 'planned', 'replayed', 'failed']),
});

export const runEnvelopeSchema = z.looseObject({
  runId: z.string(),
  status: z.enum(['ok', 'error']),
  result: z.unknown().optional(),
  truncated: z.boolean(),
  resultRef: z.string().optional(),
  logs: z.array(z.string()),
  error: envelopeErrorSchema.optional(),
  calls: callSummarySchema,
  writes: z.array(writeRecordSchema),
  withheld: z
    .looseObject({ count: z.number().int(), reason: z.string() })
    .optional()
    .describe('Items the allowed-spaces policy took out of answers, and why.'),
  durationMs: z.number(),
  warnings: z.array(z.string()).optional(),
  mode: z.enum(['live', 'dry-run', 'recorded']).optional(),
  replayOf: z.string().optional(),
  divergence: z.unknown().optional(),
});

export const resultSliceSchema = z.looseObject({
  resultRef: z.string(),
  path: z.string(),
  type: z.enum(['array', 'object', 'string', 'number', 'boolean', 'null']),
  value: z.unknown(),
  truncated: z.boolean(),
  total: z.number().int().optional(),
  offset: z.number().int(),
  hasMore: z.boolean(),
  nextOffset: z.number().int().optional(),
});
