/**
 * `.all()` and `.iterate()` on every paged operation: they follow `nextCursor` with the same
 * input until the last page. `.all()` stops at `max` items (default 1000) and says so in
 * `truncated`; it never stops silently. `.iterate()` has no cap: the loop decides when to stop,
 * and the run's own limits (calls, time) bound it.
 */
import { toInput } from './arguments.ts';
import type { HostCall, ListPage, OperationStub } from './types.ts';

export const DEFAULT_ALL_MAX_ITEMS = 1_000;

function asListPage(stub: OperationStub, value: unknown): ListPage {
  const page = value as ListPage | null;
  if (typeof page !== 'object' || page === null || !Array.isArray(page.results)) {
    throw new TypeError(`confluence.${stub.name}: the host answered without a results list`);
  }
  return page;
}

function maxItemsOf(stub: OperationStub, limits: unknown): number {
  const max = (limits as { max?: unknown } | undefined)?.max ?? DEFAULT_ALL_MAX_ITEMS;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 1) {
    throw new RangeError(
      `confluence.${stub.name}.all: max must be a positive integer, got ${String(max)}`,
    );
  }
  return max;
}

/** Reads page after page; stops when a cursor repeats, so a faulty server cannot loop a run. */
async function* pages(call: HostCall, stub: OperationStub, input: Record<string, unknown>) {
  let cursor = input['cursor'] as string | undefined;
  for (;;) {
    const page = asListPage(
      stub,
      await call(stub.name, cursor === undefined ? input : { ...input, cursor }),
    );
    yield page;
    if (page.nextCursor === undefined || page.nextCursor === '') return;
    if (page.nextCursor === cursor) {
      throw new Error(`confluence.${stub.name}: the listing returned the same cursor twice`);
    }
    cursor = page.nextCursor;
  }
}

export function pagedMembers(call: HostCall, stub: OperationStub) {
  const count = stub.positional.length;
  return {
    async all(...args: unknown[]): Promise<{ results: unknown[]; truncated: boolean }> {
      const max = maxItemsOf(stub, args[count + 1]);
      const input = toInput(stub, args.slice(0, count + 1));
      if (input['limit'] === undefined && stub.pageSize !== undefined) {
        input['limit'] = Math.min(stub.pageSize, max);
      }
      const results: unknown[] = [];
      for await (const page of pages(call, stub, input)) {
        if (results.length === max) {
          // Full before this page: it tells whether anything remained.
          return { results, truncated: page.results.length > 0 || page.nextCursor !== undefined };
        }
        const room = max - results.length;
        results.push(...page.results.slice(0, room));
        if (page.results.length > room) return { results, truncated: true };
      }
      return { results, truncated: false };
    },
    async *iterate(...args: unknown[]): AsyncGenerator<unknown, void, undefined> {
      for await (const page of pages(call, stub, toInput(stub, args.slice(0, count + 1)))) {
        yield* page.results;
      }
    },
  };
}
