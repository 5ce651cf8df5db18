/**
 * The emulator context: the database, the clock and the shared stores that every resource module
 * receives. Core stores own the core tables; a module keeps its own tables in its own store.
 */
import type { DatabaseSync } from 'node:sqlite';
import { type AuditStore, AUDIT_SCHEMA, createAuditStore } from './audit/store.ts';
import { type ContentEvents, createContentEvents } from './content/events.ts';
import { type IncludeRegistry, createIncludeRegistry } from './content/includes.ts';
import { type ContentQueries, createContentQueries } from './content/queries.ts';
import { CONTENT_SCHEMA } from './content/schema.ts';
import { type ContentStore, createContentStore } from './content/store.ts';
import { type SpaceStore, SPACES_SCHEMA, createSpaceStore } from './spaces/store.ts';
import { type UserStore, USERS_SCHEMA, createUserStore } from './users/store.ts';

export interface EmulatorContext {
  db: DatabaseSync;
  /** The clock: ms since epoch. Never read `Date.now()` in emulator logic. */
  now: () => number;
  /** Mount prefix (e.g. `/emulator`) when configured; links derive it from the path otherwise. */
  basePath: string | undefined;
  /** The one content table (pages, blog posts, whiteboards, comments, attachments, ...). */
  content: ContentStore;
  /** Content-write hook: subscribe to re-derive data or keep side tables in step. */
  events: ContentEvents;
  /** Read queries over content: filtered listings, versions, the page tree. */
  queries: ContentQueries;
  /** `include-*` providers of single GETs (`labels`, `properties`, ...). */
  includes: IncludeRegistry;
  spaces: SpaceStore;
  users: UserStore;
  audit: AuditStore;
}

/** The core tables, created before any module's schema. */
export const CORE_SCHEMA = [USERS_SCHEMA, SPACES_SCHEMA, CONTENT_SCHEMA, AUDIT_SCHEMA];

export interface CreateContextOptions {
  db: DatabaseSync;
  now: () => number;
  basePath: string | undefined;
}

export function createContext({ db, now, basePath }: CreateContextOptions): EmulatorContext {
  for (const schema of CORE_SCHEMA) db.exec(schema);
  const events = createContentEvents();
  return {
    db,
    now,
    basePath,
    events,
    content: createContentStore({ db, events, now }),
    queries: createContentQueries(db),
    includes: createIncludeRegistry(),
    spaces: createSpaceStore(db, now),
    users: createUserStore(db, now),
    audit: createAuditStore(db),
  };
}
