/**
 * Runs one content search: parse the CQL, compile it for the caller, execute it in the caller's
 * scope, and load what the page of hits needs (rows, spaces, highlights, indexed text). A
 * `CqlError` is translated here, once, into the 400 the routes answer with.
 */
import type { EmulatorContext } from '../context.ts';
import type { ContentRow, ContentStatus } from '../content/schema.ts';
import { CqlError, compileContentSearch, compileUserSearch, parseCql } from '../cql/index.ts';
import type { CompileEnvironment } from '../cql/index.ts';
import { safeTimeZone } from '../cql/zoned-time.ts';
import { badRequest } from '../http/errors.ts';
import type { SpaceRow } from '../spaces/store.ts';
import type { UserRow } from '../users/store.ts';
import type { ExcerptStrategy } from './excerpt.ts';
import type { CqlContext } from './params.ts';
import type { TextFacts } from './results.ts';
import type { SearchStore, UserPermissionFilter } from './store.ts';

export interface ContentSearchInput {
  cql: string;
  cqlContext: CqlContext;
  spaceStatuses: readonly string[];
  contentOnly: boolean;
  offset: number;
  limit: number;
  strategy: ExcerptStrategy;
}

export type SearchItem =
  { kind: 'content'; row: ContentRow; facts: TextFacts } | { kind: 'space'; space: SpaceRow };

/**
 * @example const { total, items } = runContentSearch(context, store, caller, input);
 */
export function runContentSearch(
  context: EmulatorContext,
  store: SearchStore,
  caller: UserRow,
  input: ContentSearchInput,
): { total: number; items: SearchItem[] } {
  const compiled = translated(() =>
    compileContentSearch(
      parseCql(input.cql),
      environment(context, store, caller, input.cql, input.cqlContext),
    ),
  );
  const { total, hits } = store.search(
    compiled,
    {
      accountId: caller.account_id,
      statuses: input.cqlContext.contentStatuses as ContentStatus[],
      spaceStatuses: input.spaceStatuses,
      contentOnly: input.contentOnly,
    },
    input.offset,
    input.limit,
  );
  const ids = hits.filter((hit) => hit.kind === 'content').map((hit) => hit.id);
  const highlighted =
    compiled.match && input.strategy.startsWith('highlight')
      ? store.highlights(ids, compiled.match)
      : new Map();
  const texts = input.strategy === 'none' ? new Map<number, string>() : store.indexedText(ids);
  const items = hits.flatMap((hit): SearchItem[] => {
    if (hit.kind === 'space') {
      const space = context.spaces.get(hit.id);
      return space ? [{ kind: 'space', space }] : [];
    }
    const row = context.content.get(hit.id);
    if (!row) return [];
    const highlight = highlighted.get(hit.id);
    const facts = {
      highlightedTitle: highlight?.title,
      snippet: highlight?.body,
      text: texts.get(hit.id) ?? '',
    };
    return [{ kind: 'content', row, facts }];
  });
  return { total, items };
}

/**
 * One page of a user search (/search/user).
 * @example runUserSearch(context, store, caller, { cql: 'type = user', filter: 'none', start: 0, limit: 25 })
 */
export function runUserSearch(
  context: EmulatorContext,
  store: SearchStore,
  caller: UserRow,
  input: { cql: string; filter: UserPermissionFilter; start: number; limit: number },
): { total: number; rows: UserRow[] } {
  const noContext = { spaceKey: undefined, contentId: undefined, contentStatuses: [] };
  const where = translated(() =>
    compileUserSearch(
      parseCql(input.cql),
      environment(context, store, caller, input.cql, noContext),
    ),
  );
  return store.users(where, input.filter, input.start, input.limit);
}

function environment(
  context: EmulatorContext,
  store: SearchStore,
  caller: UserRow,
  cql: string,
  cqlContext: CqlContext,
): CompileEnvironment {
  return {
    query: cql,
    accountId: caller.account_id,
    timeZone: safeTimeZone(caller.time_zone),
    now: context.now(),
    spaceKey: cqlContext.spaceKey,
    contentId: cqlContext.contentId,
    labels: store.hasLabels,
  };
}

/** Runs `work`, turning a CqlError into the v1 400 (its message carries the position). */
function translated<Result>(work: () => Result): Result {
  try {
    return work();
  } catch (error) {
    if (error instanceof CqlError) throw badRequest(error.message, 'cql');
    throw error;
  }
}
