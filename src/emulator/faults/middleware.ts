/**
 * Applies the fault controller's decision to each `/wiki` request: added latency, a dropped
 * connection, a 429 with `Retry-After` and `X-RateLimit-*` (a rate limit, a throttled share, the
 * hourly quota, a credential over the enforced rate), or a 5xx; otherwise lets it through (still
 * carrying the rate-limit headers while a rate limit is configured).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { MiddlewareHandler } from 'hono';
import type { EmulatorEnv } from '../http/env.ts';
import { EmulatorError } from '../http/errors.ts';
import type { FaultController } from './controller.ts';
import { ConnectionDroppedError } from './errors.ts';

export function faultInjection(faults: FaultController): MiddlewareHandler<EmulatorEnv> {
  return async function injectFaults(c, next) {
    const decision = faults.decide(c.req.method, c.req.path, c.req.header('authorization'));
    if (decision.delayMs > 0) await sleep(decision.delayMs);
    if (decision.kind === 'drop') {
      // Over HTTP (@hono/node-server) the socket is destroyed: the client sees a reset.
      c.env?.incoming?.socket?.destroy();
      throw new ConnectionDroppedError();
    }
    if (decision.kind === 'rate-limit') {
      throw new EmulatorError('TOO_MANY_REQUESTS', 'Rate limit exceeded', {
        headers: decision.headers,
      });
    }
    if (decision.kind === 'error') {
      throw new EmulatorError(
        decision.status === 503 ? 'SERVICE_UNAVAILABLE' : 'INTERNAL_SERVER_ERROR',
        `Injected fault: HTTP ${decision.status}`,
        { status: decision.status, headers: decision.headers },
      );
    }
    await next();
    for (const [name, value] of Object.entries(decision.headers)) c.res.headers.set(name, value);
  };
}
