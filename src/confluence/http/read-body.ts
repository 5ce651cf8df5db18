/**
 * Reads an answer's body as a stream, never past a cap: a 300 MB answer is stopped at the cap and
 * its connection dropped, instead of being buffered whole (1-2 GB of service memory once decoded
 * and parsed) and checked afterwards. The bytes being read also count against the shared
 * {@link ResponseBudget}, so concurrent answers are bounded in sum as well as one by one.
 */
import type { ResponseBudget } from './response-budget.ts';

export interface ReadLimits {
  /** The most bytes this answer may have (decoded, as the caller receives them). */
  maxBytes: number;
  /** `fail`: past `maxBytes` the read throws; `truncate`: the first `maxBytes` are kept (error bodies). */
  overflow: 'fail' | 'truncate';
  budget: ResponseBudget;
  /** Ends a wait for the budget (the attempt's timeout or the caller's cancellation). */
  signal: AbortSignal;
  /** Drops the connection: the rest of the body is never read. */
  abort: () => void;
}

export interface ReadBody {
  bytes: Uint8Array;
  /** True when the body went on past `maxBytes` and was cut (`overflow: 'truncate'` only). */
  truncated: boolean;
}

/** Why a body was not read: one answer over its cap, or all answers being read over the budget. */
export class BodyLimitError extends Error {
  override name = 'BodyLimitError';
  readonly kind: 'too-large' | 'in-flight';
  readonly limitBytes: number;
  /** Bytes reached when reading stopped (or declared by `Content-Length`, when `declared`). */
  readonly reachedBytes: number;
  readonly declared: boolean;

  constructor(
    kind: 'too-large' | 'in-flight',
    figures: { limitBytes: number; reachedBytes: number; declared?: boolean },
  ) {
    super(`${kind}: ${figures.reachedBytes} bytes over the limit of ${figures.limitBytes}`);
    this.kind = kind;
    this.limitBytes = figures.limitBytes;
    this.reachedBytes = figures.reachedBytes;
    this.declared = figures.declared ?? false;
  }
}

/**
 * @example
 * const { bytes } = await readLimited(response, { maxBytes: 32 << 20, overflow: 'fail', budget, signal, abort });
 */
export async function readLimited(response: Response, limits: ReadLimits): Promise<ReadBody> {
  const declared = declaredLength(response.headers);
  if (declared !== undefined && declared > limits.maxBytes && limits.overflow === 'fail') {
    await stop(response.body, limits);
    throw new BodyLimitError('too-large', {
      limitBytes: limits.maxBytes,
      reachedBytes: declared,
      declared: true,
    });
  }
  // Content-Length is known: wait for that much room before reading a byte.
  let held = Math.min(declared ?? 0, limits.maxBytes);
  try {
    await limits.budget.acquire(held, limits.signal);
  } catch (error) {
    held = 0;
    await stop(response.body, limits);
    throw error;
  }
  try {
    return await readChunks(
      response.body,
      limits,
      (more) => {
        if (!limits.budget.tryAcquire(more)) return false;
        held += more;
        return true;
      },
      () => held,
    );
  } finally {
    limits.budget.release(held);
  }
}

async function readChunks(
  body: ReadableStream<Uint8Array> | null,
  limits: ReadLimits,
  grow: (bytes: number) => boolean,
  held: () => number,
): Promise<ReadBody> {
  if (body === null) return { bytes: new Uint8Array(), truncated: false };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (total + value.byteLength > limits.maxBytes) {
      await stop(reader, limits);
      if (limits.overflow === 'fail') {
        throw new BodyLimitError('too-large', {
          limitBytes: limits.maxBytes,
          reachedBytes: total + value.byteLength,
        });
      }
      chunks.push(value.subarray(0, limits.maxBytes - total));
      return { bytes: Buffer.concat(chunks), truncated: true };
    }
    const more = total + value.byteLength - held();
    if (more > 0 && !grow(more)) {
      const inUse = limits.budget.stats().heldBytes;
      await stop(reader, limits);
      throw new BodyLimitError('in-flight', {
        limitBytes: limits.budget.limitBytes,
        reachedBytes: inUse + more,
      });
    }
    chunks.push(value);
    total += value.byteLength;
  }
  return { bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), truncated: false };
}

/** Cancels the stream and drops the connection; neither may throw over the error being reported. */
async function stop(
  stream: ReadableStream<Uint8Array> | ReadableStreamDefaultReader<Uint8Array> | null,
  limits: ReadLimits,
): Promise<void> {
  limits.abort();
  await stream?.cancel().catch(() => {});
}

function declaredLength(headers: Headers): number | undefined {
  const raw = headers.get('content-length');
  if (raw === null || !/^\d+$/.test(raw.trim())) return undefined;
  const value = Number(raw.trim());
  return Number.isSafeInteger(value) ? value : undefined;
}
