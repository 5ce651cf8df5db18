/**
 * `/__emulator/requests`: the request log (./request-log.ts) over HTTP, beside the fault switch
 * and only where it is served (`--faults`). GET lists the requests that arrived (`?since=` epoch
 * ms) and, with `?windowMs=`, the most that arrived within any window of that length; DELETE
 * empties the log.
 */
import { Hono } from 'hono';
import { EmulatorError } from '../http/errors.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { type RequestLog, peakInWindow } from './request-log.ts';

function nonNegativeInteger(value: string | undefined, parameter: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === '' || !Number.isSafeInteger(number) || number < 0) {
    throw new EmulatorError(
      'BAD_REQUEST',
      `${parameter} must be a non-negative integer; got ${JSON.stringify(value)}`,
      { parameter },
    );
  }
  return number;
}

export function requestLogRoutes(log: RequestLog): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  app.get('/', (c) => {
    const since = nonNegativeInteger(c.req.query('since'), 'since');
    const windowMs = nonNegativeInteger(c.req.query('windowMs'), 'windowMs');
    if (windowMs === 0) {
      throw new EmulatorError('BAD_REQUEST', 'windowMs must be at least 1', {
        parameter: 'windowMs',
      });
    }
    const page = log.list(since);
    return c.json({
      count: page.requests.length,
      dropped: page.dropped,
      ...(windowMs === undefined
        ? {}
        : {
            peak: {
              windowMs,
              requests: peakInWindow(
                page.requests.map((entry) => entry.at),
                windowMs,
              ),
            },
          }),
      requests: page.requests,
    });
  });
  app.delete('/', (c) => {
    log.clear();
    return c.body(null, 204);
  });
  return app;
}
