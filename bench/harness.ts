/**
 * The shared benchmark harness. Each `bench/*.bench.ts` default-exports a {@link BenchSuite};
 * `npm run bench` (bench/run.ts) runs them in one process, one after another, and prints a table.
 * Figures are medians unless the row says otherwise; targets are printed, never asserted.
 */

export interface BenchRow {
  /** What was measured, e.g. `cold run of a trivial script`. */
  name: string;
  value: number;
  /** `ms`, `µs`, `runs/s`, `×`, ... */
  unit: string;
  /** The target, in the same unit, with its direction (`<=` for times, `>=` for rates). */
  target?: { op: '<=' | '>='; value: number };
  /** Sample size, percentiles, or anything that qualifies the figure. */
  note?: string;
}

export interface BenchSuite {
  name: string;
  run(): Promise<BenchRow[]>;
}

/** Median of a non-empty list. */
export function median(values: number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile (p in 0..100) of a non-empty list. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Milliseconds, with sub-millisecond precision. */
export function now(): number {
  return performance.now();
}

/**
 * Times `iterations` sequential calls of `fn` after `warmup` untimed ones.
 * @returns the duration of each timed call, in milliseconds.
 * @example const ms = await sample(() => sandbox.run({ code: 'return 1' }), { iterations: 200 });
 */
export async function sample(
  fn: () => Promise<unknown> | unknown,
  { iterations = 100, warmup = 10 }: { iterations?: number; warmup?: number } = {},
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = now();
    await fn();
    times.push(now() - start);
  }
  return times;
}

/** `p50 x · p90 y · n=z` for a row's note. */
export function describeSample(times: number[], unit = 'ms'): string {
  const fmt = (v: number) => `${round(v)} ${unit}`;
  return `p90 ${fmt(percentile(times, 90))} · p99 ${fmt(percentile(times, 99))} · n=${times.length}`;
}

export function round(value: number): number {
  if (value >= 100) return Math.round(value);
  if (value >= 10) return Math.round(value * 10) / 10;
  return Math.round(value * 1000) / 1000;
}
