/**
 * What the core demo seed created, handed to each module's `seedDemo` hook so it can attach its
 * own demo data (labels, comments, tasks, attachments, ...) to known pages.
 */
import type { ContentRow } from '../content/schema.ts';
import type { SpaceRow } from '../spaces/store.ts';
import type { UserRow } from '../users/store.ts';

export interface DemoSite {
  /** `admin` is demo@example.com (site admin); the others are ordinary users. */
  users: { admin: UserRow; alice: UserRow; bob: UserRow; carol: UserRow };
  spaces: { MKT: SpaceRow; ENG: SpaceRow; HR: SpaceRow };
  /** Every demo page by title, homepages included (e.g. `pages.get('Q3 planning')`). */
  pages: Map<string, ContentRow>;
  /** Every demo blog post by title. */
  blogposts: Map<string, ContentRow>;
  /**
   * A fixed point in time (ms since epoch): the demo's day 0 plus `days` and `hours`. Seeds use it
   * instead of the clock so the demo is the same on every run.
   */
  at(days: number, hours?: number): number;
}

/** Day 0 of the demo: Monday 5 January 2026, 09:00 UTC. */
export const DEMO_EPOCH_MS = Date.UTC(2026, 0, 5, 9, 0, 0);

export function demoTime(days: number, hours = 0): number {
  return DEMO_EPOCH_MS + days * 86_400_000 + hours * 3_600_000;
}
