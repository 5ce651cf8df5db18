/**
 * The in-isolate runtime as generated into the prelude: argument mapping, `.all()`/`.iterate()`
 * paging with an explicit truncation flag, `pages.edit` with its 409 retry, and `isError`. The
 * host side is a scripted `call` here (the one seam the prelude has); the same prelude runs in a
 * real isolate against the real session in test/confluence/sandbox/.
 */
import { describe, expect, it } from 'vitest';
import { sdkSurface } from '../../../src/confluence/surface.ts';

type Call = (name: string, args: Record<string, unknown>) => Promise<unknown>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the SDK object is typed by confluence.d.ts, not here
type Sdk = any;

function sdkWith(
  call: Call,
  helpers: Record<string, unknown> = {},
): { confluence: Sdk; calls: Array<[string, Record<string, unknown>]> } {
  const calls: Array<[string, Record<string, unknown>]> = [];
  const factory = new Function(`return (${sdkSurface().prelude});`)() as (
    call: Call,
    helpers: unknown,
  ) => { confluence: Sdk };
  const { confluence } = factory(async (name, args) => {
    calls.push([name, args]);
    return call(name, args);
  }, helpers);
  return { confluence, calls };
}

/** A listing of `total` numbered items served `size` at a time. */
function listing(total: number, size: number): Call {
  return async (_name, args) => {
    const start = args['cursor'] === undefined ? 0 : Number(args['cursor']);
    const results = Array.from(
      { length: Math.min(size, total - start) },
      (_, index) => start + index,
    );
    return start + size < total ? { results, nextCursor: String(start + size) } : { results };
  };
}

function hostError(status: number, code: string): Error {
  return Object.assign(new Error(`Confluence answered ${status}`), { status, code });
}

describe('prelude runtime', () => {
  it('pages.get: the positional id and the options become one input', async () => {
    const { confluence, calls } = sdkWith(async () => ({}));
    await confluence.pages.get('65537', { bodyFormat: 'markdown' });
    await confluence.labels.add('65537', ['a']);
    expect(calls).toEqual([
      ['pages.get', { bodyFormat: 'markdown', id: '65537' }],
      ['labels.add', { contentId: '65537', labels: ['a'] }],
    ]);
  });

  it('pages.get: options that are not an object fail before any call, naming the method', async () => {
    const { confluence, calls } = sdkWith(async () => ({}));
    await expect(confluence.pages.get('1', 'storage')).rejects.toThrow(
      'confluence.pages.get: expected an options object after id, got the string "storage"',
    );
    expect(calls).toEqual([]);
  });

  it('pages.list.all: follows cursors to the last page, with the largest page size', async () => {
    const { confluence, calls } = sdkWith(listing(600, 250));
    const all = await confluence.pages.list.all({ spaceId: 'ENG' }, { max: 5_000 });
    expect(all.results).toHaveLength(600);
    expect(all.truncated).toBe(false);
    expect(calls.map(([, args]) => args)).toEqual([
      { spaceId: 'ENG', limit: 250 },
      { spaceId: 'ENG', limit: 250, cursor: '250' },
      { spaceId: 'ENG', limit: 250, cursor: '500' },
    ]);
  });

  it('pages.list.all: stops at max inside a page and says it was truncated', async () => {
    const { confluence } = sdkWith(listing(600, 250));
    const all = await confluence.pages.list.all({ limit: 250 }, { max: 300 });
    expect(all).toEqual({
      results: Array.from({ length: 300 }, (_, index) => index),
      truncated: true,
    });
  });

  it('pages.list.all: at max on a page boundary it looks ahead before claiming truncation', async () => {
    const exact = await sdkWith(listing(500, 250)).confluence.pages.list.all(
      { limit: 250 },
      { max: 500 },
    );
    expect(exact.truncated).toBe(false);
    const more = await sdkWith(listing(501, 250)).confluence.pages.list.all(
      { limit: 250 },
      { max: 500 },
    );
    expect(more.truncated).toBe(true);
    expect(more.results).toHaveLength(500);
  });

  it('pages.list.all: defaults to 1000 items and refuses a max that is not a positive integer', async () => {
    const { confluence } = sdkWith(listing(2_000, 250));
    const all = await confluence.pages.list.all();
    expect(all.results).toHaveLength(1_000);
    expect(all.truncated).toBe(true);
    await expect(confluence.pages.list.all({}, { max: 0 })).rejects.toThrow(
      'max must be a positive integer',
    );
  });

  it('pages.children.iterate: yields every item; breaking early fetches nothing more', async () => {
    const { confluence, calls } = sdkWith(listing(60, 25));
    const seen: number[] = [];
    for await (const item of confluence.pages.children.iterate('65537')) seen.push(item);
    expect(seen).toHaveLength(60);
    expect(calls.map(([, args]) => args['cursor'])).toEqual([undefined, '25', '50']);
    calls.length = 0;
    for await (const item of confluence.pages.children.iterate('65537')) if (item === 3) break;
    expect(calls).toHaveLength(1);
  });

  it('pages.list.iterate: a cursor that repeats is an error, not an endless loop', async () => {
    const { confluence } = sdkWith(async () => ({ results: [1], nextCursor: 'same' }));
    const loop = async () => {
      for await (const _item of confluence.pages.list.iterate()) void _item;
    };
    await expect(loop()).rejects.toThrow('the listing returned the same cursor twice');
  });

  it('search.cql.all: positional query, then options, then limits', async () => {
    const { confluence, calls } = sdkWith(listing(3, 250));
    const all = await confluence.search.cql.all('type = page', { excerpt: 'none' }, { max: 2 });
    expect(all).toEqual({ results: [0, 1], truncated: true });
    expect(calls[0]).toEqual(['search.cql', { excerpt: 'none', cql: 'type = page', limit: 2 }]);
  });

  const PAGE = {
    id: '7',
    title: 'Plan',
    status: 'current',
    version: { number: 4 },
    body: { storage: { value: '<p>old</p>' } },
  };

  it('pages.edit: writes the changed body with the next version number', async () => {
    const { confluence, calls } = sdkWith(async (name) =>
      name === 'pages.get' ? PAGE : { ...PAGE, version: { number: 5 } },
    );
    const result = await confluence.pages.edit('7', (draft: { body: string }) =>
      draft.body.replace('old', 'new'),
    );
    expect(result).toMatchObject({ changed: true, attempts: 1, page: { version: { number: 5 } } });
    expect(calls[1]).toEqual([
      'pages.update',
      { version: 5, title: 'Plan', status: 'current', body: { storage: '<p>new</p>' }, id: '7' },
    ]);
  });

  it('pages.edit: when the function changes nothing, nothing is written', async () => {
    const { confluence, calls } = sdkWith(async () => PAGE);
    const result = await confluence.pages.edit('7', (draft: { body: string }) => draft.body);
    expect(result).toEqual({ page: PAGE, changed: false, attempts: 1 });
    expect(calls.map(([name]) => name)).toEqual(['pages.get']);
  });

  it('pages.edit: on a 409 it re-reads and re-applies the function, then gives up after maxAttempts', async () => {
    let version = 4;
    const { confluence, calls } = sdkWith(async (name) => {
      if (name === 'pages.get') return { ...PAGE, version: { number: version } };
      version += 1; // someone else saved first, every time
      throw hostError(409, 'CONFLICT');
    });
    const edit = confluence.pages.edit('7', (draft: { body: string }) => `${draft.body}!`, {
      maxAttempts: 2,
    });
    await expect(edit).rejects.toMatchObject({ status: 409 });
    expect(
      calls.map(
        ([name, args]) => `${name}${args['version'] ? ` v${JSON.stringify(args['version'])}` : ''}`,
      ),
    ).toEqual(['pages.get', 'pages.update v5', 'pages.get', 'pages.update v6']);
  });

  it('pages.edit: other errors are not retried', async () => {
    const { confluence, calls } = sdkWith(async (name) => {
      if (name === 'pages.get') return PAGE;
      throw hostError(403, 'FORBIDDEN');
    });
    await expect(confluence.pages.edit('7', () => '<p>x</p>')).rejects.toMatchObject({
      status: 403,
    });
    expect(calls).toHaveLength(2);
  });

  it('pages.edit: in markdown, an unchanged body is left out so the stored one is kept as is', async () => {
    const markdownPage = { ...PAGE, body: { markdown: { value: 'old' } } };
    const { confluence, calls } = sdkWith(async () => markdownPage);
    await confluence.pages.edit('7', () => ({ title: 'Renamed', message: 'rename' }), {
      format: 'markdown',
    });
    expect(calls[0]).toEqual(['pages.get', { bodyFormat: 'markdown', id: '7' }]);
    expect(calls[1]).toEqual([
      'pages.update',
      { version: { number: 5, message: 'rename' }, title: 'Renamed', status: 'current', id: '7' },
    ]);
  });

  it('pages.edit: a function that returns something else is a clear TypeError', async () => {
    const { confluence } = sdkWith(async () => PAGE);
    await expect(confluence.pages.edit('7', () => 42)).rejects.toThrow(
      'the function must return the new body',
    );
  });

  it('isError: narrows to SDK errors, by status or by code', () => {
    const error = hostError(404, 'NOT_FOUND');
    const { confluence } = sdkWith(async () => ({}), {
      isHostError: (value: unknown) => value === error,
    });
    expect(confluence.isError(error)).toBe(true);
    expect(confluence.isError(error, 404)).toBe(true);
    expect(confluence.isError(error, 'NOT_FOUND')).toBe(true);
    expect(confluence.isError(error, 409)).toBe(false);
    expect(confluence.isError(new Error('plain'))).toBe(false);
    expect(confluence.isError('text')).toBe(false);
  });
});
