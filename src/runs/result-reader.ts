/**
 * `readResult`: slices of stored full results. The last few results read are kept parsed, so a
 * client paging through a large listing does not make the store parse it again for every page.
 */
import { ownerFilter } from '../clients/visibility.ts';
import { RunsError } from './errors.ts';
import type { JsonValue } from './json-size.ts';
import { clampResultBudget, type RunLimits } from './limits.ts';
import { sliceJson } from './result-slice.ts';
import type { RunsStore } from './store/runs-store.ts';
import type { ReadResultOptions, ResultSlice } from './types.ts';

/** Parsed results kept for paging. */
export const PARSED_RESULTS_KEPT = 4;

export interface ResultReader {
  read(resultRef: string, options?: ReadResultOptions): Promise<ResultSlice>;
}

/**
 * @example
 * const reader = createResultReader(store, resolveRunLimits());
 * await reader.read('res_…', { path: '$.results', offset: 20 });
 */
export function createResultReader(
  store: Pick<RunsStore, 'readResult'>,
  limits: RunLimits,
): ResultReader {
  // Keyed by owner and ref: a value parsed for one client is never served to another.
  const parsed = new Map<string, JsonValue>();
  const load = async (resultRef: string, owner: string | undefined): Promise<JsonValue> => {
    const key = `${owner ?? '*'}\u0000${String(resultRef)}`;
    const cached = parsed.get(key);
    if (cached !== undefined) {
      parsed.delete(key);
      parsed.set(key, cached);
      return cached;
    }
    const json =
      typeof resultRef === 'string' ? await store.readResult(resultRef, owner) : undefined;
    if (json === undefined) {
      throw new RunsError(
        'RESULT_NOT_FOUND',
        `no stored result "${String(resultRef)}" (it never existed, or retention removed its run)`,
      );
    }
    const value = JSON.parse(json) as JsonValue;
    parsed.set(key, value);
    if (parsed.size > PARSED_RESULTS_KEPT) parsed.delete(parsed.keys().next().value!);
    return value;
  };
  return {
    async read(resultRef, options = {}) {
      const value = await load(resultRef, ownerFilter(options.requester));
      const slice = sliceJson(value, {
        ...(options.path === undefined ? {} : { path: options.path }),
        ...(options.offset === undefined ? {} : { offset: options.offset }),
        ...(options.limit === undefined ? {} : { limit: options.limit }),
        budgetChars: clampResultBudget(options.budget, limits),
      });
      return { resultRef, ...slice };
    },
  };
}
