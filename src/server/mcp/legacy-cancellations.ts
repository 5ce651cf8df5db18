/**
 * Cancellation for 2025-11-25 clients over stateless HTTP. Such a client cancels a call by POSTing
 * `notifications/cancelled { requestId }` as a separate request, which a stateless server answers
 * with a fresh instance that knows nothing of the call (shared/notes/mcp.md §3.3.3, verified: the
 * run went on to the end). So running calls register here under (sender, JSON-RPC id), and the
 * /mcp endpoint aborts the match when the notification arrives.
 *
 * Ids are only unique per connection: the sender is the client's key identity plus the
 * connection's `Mcp-Session-Id` (issued on initialize, see http-endpoint.ts), so one connection
 * never cancels another's call with the same id. Should a sender still match more than one
 * running call, none is cancelled: stopping someone else's run is worse than letting one finish.
 */

export interface CancelOutcome {
  /** `cancelled` (one call aborted), `unknown` (finished or never seen: ignored, as the spec says), `ambiguous`. */
  outcome: 'cancelled' | 'unknown' | 'ambiguous';
}

/**
 * @example
 * const cancellations = new LegacyCancellations();
 * cancellations.cancel('key-1', 7, 'user pressed escape'); // { outcome: 'cancelled' | 'unknown' | 'ambiguous' }
 */
export class LegacyCancellations {
  readonly #running = new Map<string, Set<AbortController>>();

  /**
   * Registers a running call; returns its signal and the function that unregisters it.
   *
   * @example
   * const { signal, done } = cancellations.register('key-1', 7);
   * try { await run(signal); } finally { done(); }
   */
  register(
    clientId: string,
    requestId: string | number,
  ): { signal: AbortSignal; done: () => void } {
    const key = keyOf(clientId, requestId);
    const controller = new AbortController();
    const set = this.#running.get(key) ?? new Set();
    set.add(controller);
    this.#running.set(key, set);
    return {
      signal: controller.signal,
      done: () => {
        set.delete(controller);
        if (set.size === 0 && this.#running.get(key) === set) this.#running.delete(key);
      },
    };
  }

  cancel(clientId: string, requestId: string | number, reason?: string): CancelOutcome {
    const set = this.#running.get(keyOf(clientId, requestId));
    if (!set || set.size === 0) return { outcome: 'unknown' };
    if (set.size > 1) return { outcome: 'ambiguous' };
    const [controller] = set;
    controller!.abort(new CancelledByClientError(reason));
    return { outcome: 'cancelled' };
  }

  /** Calls running now (for tests and health). */
  get size(): number {
    let total = 0;
    for (const set of this.#running.values()) total += set.size;
    return total;
  }
}

/**
 * The abort reason of a run its client cancelled.
 *
 * @example
 * controller.abort(new CancelledByClientError('user pressed escape'));
 */
export class CancelledByClientError extends Error {
  override name = 'AbortError';
  readonly code = 'CANCELLED';

  constructor(reason?: string) {
    super(`the client cancelled the request${reason ? `: ${reason}` : ''}`);
  }
}

/**
 * A JSON-RPC `notifications/cancelled` message's target, or undefined for anything else.
 *
 * @example
 * cancelledRequestId({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 3 } }); // { requestId: 3 }
 */
export function cancelledRequestId(
  message: unknown,
): { requestId: string | number; reason?: string } | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { method, params, id } = message as { method?: unknown; params?: unknown; id?: unknown };
  if (method !== 'notifications/cancelled' || id !== undefined) return undefined;
  const { requestId, reason } = (params ?? {}) as { requestId?: unknown; reason?: unknown };
  if (typeof requestId !== 'string' && typeof requestId !== 'number') return undefined;
  return { requestId, reason: typeof reason === 'string' ? reason : undefined };
}

/**
 * The identity cancellations are scoped to: the key's client and the connection's session, or
 * undefined when the request has no session (such a call cannot be cancelled by another request).
 *
 * @example
 * senderOf('key-1', 'b7c…'); // 'key-1\u0000b7c…'
 */
export function senderOf(clientId: string, sessionId: string | undefined): string | undefined {
  return sessionId ? `${clientId}\u0000${sessionId}` : undefined;
}

function keyOf(clientId: string, requestId: string | number): string {
  // JSON keeps 7 and "7" apart: JSON-RPC ids of different types are different ids.
  return `${clientId}\u0000${JSON.stringify(requestId)}`;
}
