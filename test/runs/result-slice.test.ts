import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RunsError } from '../../src/runs/errors.ts';
import { formatJsonPath, parseJsonPath } from '../../src/runs/json-path.ts';
import { sliceJson } from '../../src/runs/result-slice.ts';

const full = {
  results: Array.from({ length: 50 }, (_, index) => ({ id: index, title: `Page ${index}` })),
  'odd key': 'value',
  body: 'x'.repeat(10_000),
};

describe('sliceJson', () => {
  it('sliceJson: the whole value of a small result comes back as is', () => {
    const slice = sliceJson({ a: 1 }, { budgetChars: 6_000 });
    expect(slice).toEqual({
      path: '$',
      type: 'object',
      value: { a: 1 },
      truncated: false,
      total: 1,
      offset: 0,
      hasMore: false,
    });
  });

  it('sliceJson: an array pages by items with offset, limit and nextOffset', () => {
    const slice = sliceJson(full, { path: '$.results', offset: 10, limit: 5, budgetChars: 6_000 });
    expect(slice.value).toEqual(full.results.slice(10, 15));
    expect(slice).toMatchObject({
      type: 'array',
      total: 50,
      offset: 10,
      hasMore: true,
      nextOffset: 15,
      truncated: false,
    });
  });

  it('sliceJson: without a limit, as many whole items as fit the budget', () => {
    const slice = sliceJson(full, { path: 'results', budgetChars: 300 });
    const items = slice.value as unknown[];
    expect(items.length).toBeGreaterThan(3);
    expect(JSON.stringify(items).length).toBeLessThanOrEqual(300);
    expect(items).toEqual(full.results.slice(0, items.length));
    expect(slice.nextOffset).toBe(items.length);
  });

  it('sliceJson: a string pages by characters', () => {
    const slice = sliceJson(full, { path: '$.body', offset: 9_990, budgetChars: 6_000 });
    expect(slice).toMatchObject({
      type: 'string',
      value: 'x'.repeat(10),
      total: 10_000,
      hasMore: false,
    });
    const first = sliceJson(full, { path: '$.body', budgetChars: 500 });
    expect(first.value).toBe('x'.repeat(498));
    expect(first.nextOffset).toBe(498);
  });

  it('sliceJson: an item too large to fit whole comes back alone, summarized', () => {
    const slice = sliceJson(full, { budgetChars: 1_000 });
    expect(slice.truncated).toBe(true);
    expect(Object.keys(slice.value as object)).toEqual(['results']);
    expect(slice.nextOffset).toBe(1);
  });

  it('sliceJson: quoted keys and negative indexes address values', () => {
    expect(sliceJson(full, { path: '$["odd key"]', budgetChars: 6_000 }).value).toBe('value');
    expect(sliceJson(full, { path: '$.results[-1].title', budgetChars: 6_000 }).value).toBe(
      'Page 49',
    );
  });

  it('sliceJson: a path naming nothing is RESULT_PATH_NOT_FOUND and says what is there', () => {
    expect(() => sliceJson(full, { path: '$.result', budgetChars: 6_000 })).toThrow(
      expect.objectContaining({
        code: 'RESULT_PATH_NOT_FOUND',
        message: expect.stringContaining('"results"'),
      }),
    );
    expect(() => sliceJson(full, { path: '$.results[50]', budgetChars: 6_000 })).toThrow(
      /array of 50 items/,
    );
  });

  it('sliceJson: a malformed path is RESULT_PATH_INVALID with the position', () => {
    for (const path of ['$.', '$[abc]', '$["unclosed', '$..a', '$.a b']) {
      expect(() => sliceJson(full, { path, budgetChars: 6_000 })).toThrow(RunsError);
      expect(() => sliceJson(full, { path, budgetChars: 6_000 })).toThrow(
        /invalid JSON path .* at character \d+/,
      );
    }
  });

  it('sliceJson: a negative or fractional offset or limit is INVALID_OPTION', () => {
    expect(() => sliceJson(full, { offset: -1, budgetChars: 6_000 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
    expect(() => sliceJson(full, { limit: 0, budgetChars: 6_000 })).toThrow(
      /limit must be an integer of at least 1/,
    );
    expect(() => sliceJson(full, { offset: 1.5, budgetChars: 6_000 })).toThrow(/offset/);
  });
});

describe('parseJsonPath', () => {
  it('parseJsonPath: reads every form and formatJsonPath writes it back', () => {
    expect(parseJsonPath('$')).toEqual([]);
    expect(parseJsonPath('')).toEqual([]);
    expect(parseJsonPath('a.b[2]["c d"][-1]')).toEqual(['a', 'b', 2, 'c d', -1]);
    expect(formatJsonPath(['a', 'b', 2, 'c d', -1])).toBe('$.a.b[2]["c d"][-1]');
  });

  it('parseJsonPath: any steps survive a format and parse round trip', () => {
    const segment = fc.oneof(fc.string({ unit: 'binary' }), fc.nat());
    fc.assert(
      fc.property(fc.array(segment), (segments) => {
        expect(parseJsonPath(formatJsonPath(segments))).toEqual(segments);
      }),
    );
  });
});
