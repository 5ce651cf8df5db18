/**
 * The extension point of the emulator. A resource is a module: its tables, its v2 and v1 routes,
 * an optional content-write listener and an optional demo-seed hook. Modules are listed once in
 * `modules.ts`; `createEmulator` creates every schema, mounts every route set and runs every seed.
 */
import type { Hono } from 'hono';
import type { EmulatorContext } from './context.ts';
import type { ContentWriteEvent } from './content/events.ts';
import type { EmulatorEnv } from './http/env.ts';
import type { DemoSite } from './seed/demo-site.ts';

export interface EmulatorModule {
  /** Folder name, e.g. `labels`. */
  name: string;
  /** SQL run at start, before any route is built (use `CREATE … IF NOT EXISTS`). */
  schema?: string;
  /**
   * Runs once after every schema exists and before routes are built: register `include-*`
   * providers (`context.includes.register('labels', …)`), subscribe to events, ...
   */
  setup?: (context: EmulatorContext) => void;
  /** Routes mounted under `/wiki/api/v2` (so `app.get('/labels', …)` serves `/wiki/api/v2/labels`). */
  v2?: (context: EmulatorContext) => Hono<EmulatorEnv>;
  /** Routes mounted under `/wiki/rest/api`. */
  v1?: (context: EmulatorContext) => Hono<EmulatorEnv>;
  /**
   * Site routes mounted under `/wiki`, outside both APIs (authenticated like them): e.g. the
   * attachment download URL `/wiki/download/attachments/{containerId}/{filename}`.
   */
  site?: (context: EmulatorContext) => Hono<EmulatorEnv>;
  /**
   * Called synchronously inside every content write's transaction (create, new version, status
   * change, move, draft, purge). Throwing rolls the write back.
   */
  onContentWrite?: (event: ContentWriteEvent, context: EmulatorContext) => void;
  /** Adds this module's demo data; runs after the core demo seed, in module order. */
  seedDemo?: (context: EmulatorContext, site: DemoSite) => void;
}
