/**
 * The Confluence Cloud emulator: a Hono app over SQLite that answers the same paths, parameters,
 * status codes, error bodies and pagination as Confluence Cloud (v2 `/wiki/api/v2`, v1
 * `/wiki/rest/api`), with fault injection under `/__emulator/faults` and, beside it, the log of
 * requests at `/__emulator/requests`.
 *
 * Extension points (see also `module.ts` and `README.md` in this folder):
 * - `modules.ts`: the registration list; one {@link EmulatorModule} per resource folder.
 * - `context.content` + `context.events`: the one content table and the content-write hook.
 * - `EmulatorModule.seedDemo`: the demo-seed hook.
 *
 * @example
 * const emulator = createEmulator({ seed: 'demo' });
 * const response = await emulator.app.request('/wiki/api/v2/spaces?keys=MKT', {
 *   headers: { authorization: `Basic ${btoa('demo@example.com:demo-token')}` },
 * });
 * emulator.close();
 */
import type { DatabaseSync } from 'node:sqlite';
import type { Hono } from 'hono';
import { createEmulatorApp } from './app.ts';
import { type EmulatorContext, createContext } from './context.ts';
import { IN_MEMORY, openDatabase } from './database/open.ts';
import { type FaultController, createFaultController } from './faults/controller.ts';
import { type RequestLog, createRequestLog } from './faults/request-log.ts';
import type { EmulatorEnv } from './http/env.ts';
import type { EmulatorModule } from './module.ts';
import { EMULATOR_MODULES } from './modules.ts';
import { seedDemo } from './seed/demo.ts';
import { DEMO_ADMIN, type NewUser } from './users/store.ts';

export interface EmulatorOptions {
  /** A file path or `:memory:` (default). Files use WAL; a seeded file is not seeded again. */
  database?: string;
  /** `demo` (default): the demo site. `none`: only the site admin (and `users`). */
  seed?: 'demo' | 'none';
  /** The clock, ms since epoch (default `Date.now`). */
  now?: () => number;
  /** Mount prefix used in `_links` (e.g. `/emulator`); derived from the request path if absent. */
  basePath?: string;
  /** Extra users (basic `email:apiToken` or bearer `apiToken`). The site admin always exists. */
  users?: NewUser[];
  /** Uniform random in [0, 1) for fault ratios (default `Math.random`). */
  random?: () => number;
  /** The resource modules (default: every module in `modules.ts`). */
  modules?: readonly EmulatorModule[];
  /**
   * Serve `/__emulator/faults` (default false): anyone who reaches that route can make every
   * client's calls fail, so it is on only where tests ask for it. `faults` works in-process always.
   * It also keeps the request log (`requests`), served at `/__emulator/requests`.
   */
  faultRoutes?: boolean;
}

export interface Emulator {
  /** Use in-process (`app.request`, `app.fetch`) or mount (`server.route('/emulator', app)`). */
  app: Hono<EmulatorEnv>;
  /** Fault injection, the same controller `/__emulator/faults` drives. */
  faults: FaultController;
  /** Every `/wiki` request's arrival and status, kept only with `faultRoutes` (else `null`). */
  requests: RequestLog | null;
  db: DatabaseSync;
  /** Stores and hooks, for tests, seeds and generators. */
  context: EmulatorContext;
  /** Closes the database (idempotent). */
  close(): void;
}

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const now = options.now ?? Date.now;
  const db = openDatabase(options.database ?? IN_MEMORY);
  const context = createContext({ db, now, basePath: options.basePath });
  const modules = options.modules ?? EMULATOR_MODULES;
  for (const module of modules) if (module.schema) db.exec(module.schema);
  for (const module of modules) module.setup?.(context);
  for (const module of modules) {
    const listener = module.onContentWrite;
    if (listener) context.events.subscribe((event) => listener(event, context));
  }
  context.users.add(DEMO_ADMIN);
  for (const user of options.users ?? []) context.users.add(user);
  if ((options.seed ?? 'demo') === 'demo') seedDemo(context, modules);
  const faults = createFaultController({
    now,
    ...(options.random ? { random: options.random } : {}),
  });
  const requests = options.faultRoutes ? createRequestLog() : null;
  const app = createEmulatorApp({
    context,
    faults,
    modules,
    faultRoutes: options.faultRoutes ?? false,
    requestLog: requests,
  });
  let open = true;
  const close = () => {
    if (open) db.close();
    open = false;
  };
  return { app, faults, requests, db, context, close };
}

export type { EmulatorContext } from './context.ts';
export type { EmulatorModule } from './module.ts';
export type { EmulatorEnv } from './http/env.ts';
export type { FaultController } from './faults/controller.ts';
export type { FaultConfigInput } from './faults/config.ts';
export type { LoggedRequest, RequestLog } from './faults/request-log.ts';
export { peakInWindow } from './faults/request-log.ts';
export type { DemoSite } from './seed/demo-site.ts';
export { DEMO_ADMIN } from './users/store.ts';
