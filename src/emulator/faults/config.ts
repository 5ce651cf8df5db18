/**
 * The fault configuration accepted by `PUT /__emulator/faults` and `emulator.faults.set()`.
 * Each fault may be scoped to some methods and to paths starting with a prefix (the path as the
 * emulator sees it, e.g. `/wiki/api/v2/pages`).
 */
import { z } from 'zod';

const scope = {
  /** Only these methods (upper case); all when absent. */
  methods: z.array(z.string().toUpperCase()).optional(),
  /** Only paths starting with this prefix; all `/wiki` paths when absent. */
  path: z.string().startsWith('/').optional(),
};

export const faultConfigSchema = z.strictObject({
  rateLimit: z
    .strictObject({
      ...scope,
      /** Requests allowed per window before 429s start. */
      requests: z.int().min(0),
      windowMs: z.int().min(1).default(60_000),
      /** Overrides the computed `Retry-After` (seconds until the window resets). */
      retryAfterSeconds: z.int().min(0).optional(),
    })
    .optional(),
  throttle: z
    .strictObject({
      ...scope,
      /** Share of matching requests answered 429 (a burst limit), 0..1. */
      ratio: z.number().min(0).max(1),
      retryAfterSeconds: z.int().min(0).max(86_400).default(1),
      /** Stop after this many injected 429s. */
      count: z.int().min(0).optional(),
      reason: z.string().min(1).max(100).default('confluence-burst-based'),
    })
    .optional(),
  quota: z
    .strictObject({
      ...scope,
      /** Requests let through in each quota window (from the `set`, then from each reset) before it runs out. */
      after: z.int().min(0).default(0),
      /** Seconds from running out to the reset (Atlassian's example: 1847). */
      retryAfterSeconds: z.int().min(1).max(86_400).default(1847),
      reason: z.string().min(1).max(100).default('confluence-quota-global-based'),
      /** Points per hour the headers announce. */
      limit: z.int().min(1).default(65_000),
    })
    .optional(),
  enforce: z
    .strictObject({
      ...scope,
      /** Requests each credential may make per window; more are answered 429. */
      requests: z.int().min(1),
      windowMs: z.int().min(1).max(3_600_000).default(1_000),
    })
    .optional(),
  errors: z
    .strictObject({
      ...scope,
      /** Share of matching requests answered with `status`, 0..1. */
      ratio: z.number().min(0).max(1),
      status: z.int().min(500).max(599).default(503),
      /** Stop after this many injected errors (then the fault stays configured but inert). */
      count: z.int().min(0).optional(),
    })
    .optional(),
  latency: z
    .strictObject({
      ...scope,
      ms: z.int().min(0).max(60_000),
      /** A uniform random extra delay in 0..jitterMs. */
      jitterMs: z.int().min(0).max(60_000).default(0),
      /** Delay only this many requests (then the fault stays configured but inert). */
      count: z.int().min(0).optional(),
    })
    .optional(),
  drop: z
    .strictObject({
      ...scope,
      ratio: z.number().min(0).max(1),
      count: z.int().min(0).optional(),
    })
    .optional(),
});

/** What a caller writes (defaults optional). */
export type FaultConfigInput = z.input<typeof faultConfigSchema>;
/** What the controller holds (defaults applied). */
export type FaultConfig = z.output<typeof faultConfigSchema>;

export interface FaultScope {
  methods?: string[] | undefined;
  path?: string | undefined;
}

export function inScope(scope: FaultScope, method: string, path: string): boolean {
  if (scope.methods && !scope.methods.includes(method.toUpperCase())) return false;
  return scope.path === undefined || path.startsWith(scope.path);
}
