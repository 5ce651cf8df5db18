/**
 * What the v1 JSON builders of one search request share: links, the clock and time zone, the
 * caller, and cached lookups of spaces, users and content (a result page touches the same few
 * spaces and authors again and again).
 */
import type { Context } from 'hono';
import type { EmulatorContext } from '../context.ts';
import type { ContentRow } from '../content/schema.ts';
import { safeTimeZone } from '../cql/zoned-time.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { mountPrefix, siteBase } from '../http/links.ts';
import { spaceJsonV1 } from '../spaces/json.ts';
import type { SpaceRow } from '../spaces/store.ts';
import { userJson } from '../users/json.ts';
import type { SearchStore } from './store.ts';

export interface V1Helpers {
  context: EmulatorContext;
  store: SearchStore;
  /** `http://host[/prefix]/wiki`. */
  base: string;
  /** Mount prefix (`/emulator`) or ''. */
  prefix: string;
  now: number; // ms since epoch
  /** The caller's time zone (friendly dates). */
  timeZone: string;
  accountId: string;
  space(id: number | null): SpaceRow | undefined;
  content(id: number | null): ContentRow | undefined;
  /** The v1 `User` of an accountId (a minimal `unknown` user when there is none). */
  user(accountId: string): Record<string, unknown>;
  spaceJson(space: SpaceRow): Record<string, unknown>;
}

/** @example const helpers = v1Helpers(context, c, store); helpers.user(row.author_id) */
export function v1Helpers(
  context: EmulatorContext,
  c: Context<EmulatorEnv>,
  store: SearchStore,
): V1Helpers {
  const caller = c.get('user');
  const base = siteBase(c);
  const prefix = mountPrefix(c);
  const spaces = new Map<number, SpaceRow | undefined>();
  const users = new Map<string, Record<string, unknown>>();
  const contents = new Map<number, ContentRow | undefined>();
  return {
    context,
    store,
    base,
    prefix,
    now: context.now(),
    timeZone: safeTimeZone(caller.time_zone),
    accountId: caller.account_id,
    space(id) {
      if (id === null) return undefined;
      if (!spaces.has(id)) spaces.set(id, context.spaces.get(id));
      return spaces.get(id);
    },
    content(id) {
      if (id === null) return undefined;
      if (!contents.has(id)) contents.set(id, context.content.get(id));
      return contents.get(id);
    },
    user(accountId) {
      let json = users.get(accountId);
      if (!json) {
        const row = context.users.byId(accountId);
        json = row
          ? userJson(row, { base, prefix })
          : { type: 'unknown', accountId, accountType: '', publicName: accountId };
        users.set(accountId, json);
      }
      return json;
    },
    spaceJson: (space) => spaceJsonV1(c, space),
  };
}
