/**
 * The `include-*` registry of single GETs (`include-labels`, `include-properties`, ...). A module
 * registers the provider for the data it owns (`labels` by the labels module); the page, blog post,
 * whiteboard and space routes ask the registry for every `include-<name>=true`.
 * Shape (openapi-v2 PageSingle.labels etc.): `{ results, meta: { hasMore, cursor? }, _links: { self } }`.
 */
import type { Context } from 'hono';
import type { EmulatorEnv } from '../http/env.ts';
import { sitePath } from '../http/links.ts';
import type { UserRow } from '../users/store.ts';

/** Results an include returns at most; `meta.hasMore` says when more exist (as on Confluence). */
export const INCLUDE_LIMIT = 50;

export interface IncludeTarget {
  /** `page`, `blogpost`, `whiteboard`, `space`, ... */
  type: string;
  id: number;
  /** The API collection the target lives in (`pages`, `blogposts`, `spaces`, ...). */
  collection: string;
}

/** Returns at most `limit + 1` items so the registry can tell whether more exist. */
export type IncludeProvider = (target: IncludeTarget, user: UserRow, limit: number) => unknown[];

export interface IncludeRegistry {
  /** @example context.includes.register('labels', (target, user, limit) => labelsOf(target.id, limit)); */
  register(name: string, provider: IncludeProvider): void;
  has(name: string): boolean;
  resolve(c: Context<EmulatorEnv>, name: string, target: IncludeTarget): IncludedList | undefined;
}

export interface IncludedList {
  results: unknown[];
  meta: { hasMore: boolean; cursor?: string };
  _links: { self: string };
}

export function createIncludeRegistry(): IncludeRegistry {
  const providers = new Map<string, IncludeProvider>();
  return {
    register: (name, provider) => void providers.set(name, provider),
    has: (name) => providers.has(name),
    resolve(c, name, target) {
      const provider = providers.get(name);
      if (!provider) return undefined;
      const items = provider(target, c.get('user'), INCLUDE_LIMIT);
      return {
        results: items.slice(0, INCLUDE_LIMIT),
        meta: { hasMore: items.length > INCLUDE_LIMIT },
        _links: { self: sitePath(c, `/wiki/api/v2/${target.collection}/${target.id}/${name}`) },
      };
    },
  };
}
