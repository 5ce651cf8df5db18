/**
 * `/__emulator/faults`: the run-time switch for fault injection, outside `/wiki` (no auth, no
 * faults of its own). GET shows the configuration and counters, PUT replaces the configuration,
 * DELETE clears it.
 */
import { Hono } from 'hono';
import type { EmulatorEnv } from '../http/env.ts';
import { readJsonBody } from '../http/body.ts';
import type { FaultConfigInput } from './config.ts';
import type { FaultController } from './controller.ts';

export function faultRoutes(faults: FaultController): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  app.get('/', (c) => c.json(faults.get()));
  app.put('/', async (c) => {
    faults.set((await readJsonBody(c)) as FaultConfigInput);
    return c.json(faults.get());
  });
  app.delete('/', (c) => {
    faults.clear();
    return c.body(null, 204);
  });
  return app;
}
