import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../src/runs/json-size.ts';
import { sliceJson } from '../../src/runs/result-slice.ts';
import { MIN_NODE_CHARS, summarizeJson } from '../../src/runs/summarize.ts';
import { readBack } from './read-back.ts';

/** Arbitrary JSON, with strings that stress escaping: quotes, control characters, surrogates. */
const jsonValue: fc.Arbitrary<JsonValue> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.string({ unit: 'binary', maxLength: 400, size: 'large' }),
    fc.string({ maxLength: 3_000, size: 'max' }),
    fc.array(tie('value'), { maxLength: 40, size: 'medium' }),
    fc.dictionary(fc.string({ unit: 'binary', maxLength: 12 }), tie('value'), {
      maxKeys: 20,
      size: 'medium',
    }),
  ),
})).value as fc.Arbitrary<JsonValue>;

const budget = fc.integer({ min: 200, max: 4_000 });

/** What the store keeps: the value as JSON text, parsed back. */
const stored = (value: JsonValue): JsonValue => JSON.parse(JSON.stringify(value)) as JsonValue;

describe('summarizeJson (properties)', () => {
  it('summarizeJson: the generator cuts often enough for the properties to mean something', () => {
    const samples = fc.sample(fc.tuple(jsonValue, budget), { numRuns: 400, seed: 42 });
    const cut = samples.filter(
      ([value, budgetChars]) => summarizeJson(value, budgetChars).truncated,
    );
    expect(cut.length / samples.length).toBeGreaterThan(0.1);
  });

  it('summarizeJson: output always parses, stays within budget, and is exact when it fits', () => {
    fc.assert(
      fc.property(jsonValue, budget, (value, budgetChars) => {
        const summary = summarizeJson(value, budgetChars);
        const text = JSON.stringify(summary.value);
        expect(text.length).toBeLessThanOrEqual(budgetChars);
        expect(summary.chars).toBe(text.length);
        expect(JSON.stringify(JSON.parse(text))).toBe(text);
        const fits = JSON.stringify(value).length <= budgetChars;
        expect(summary.truncated).toBe(!fits);
        if (fits) expect(text).toBe(JSON.stringify(value));
      }),
      { numRuns: 400 },
    );
  });

  it('summarizeJson: keeps the type of the value and the keys of a top-level object when they fit', () => {
    fc.assert(
      fc.property(jsonValue, budget, (value, budgetChars) => {
        const summary = summarizeJson(value, budgetChars);
        expect(kind(summary.value)).toBe(kind(value));
        if (kind(value) === 'object') {
          const keys = Object.keys(value as object);
          const keyChars = keys.reduce(
            (sum, key) => sum + JSON.stringify(key).length + 1 + MIN_NODE_CHARS + 1,
            2,
          );
          if (keyChars <= budgetChars)
            expect(Object.keys(summary.value as object).sort()).toEqual([...keys].sort());
        }
      }),
      { numRuns: 300 },
    );
  });

  it('sliceJson: paging and descending through slices gives back exactly the original', async () => {
    await fc.assert(
      fc.asyncProperty(jsonValue, budget, async (value, budgetChars) => {
        const full = stored(value);
        const read = (options: { path: string; offset?: number }) => {
          const slice = sliceJson(full, { ...options, budgetChars });
          expect(JSON.stringify(slice.value).length).toBeLessThanOrEqual(budgetChars);
          return { resultRef: 'test', ...slice };
        };
        expect(await readBack(read)).toEqual(full);
      }),
      { numRuns: 300 },
    );
  });
});

describe('summarizeJson (examples)', () => {
  const listing = {
    total: 1_000,
    results: Array.from({ length: 1_000 }, (_, index) => ({
      id: String(100_000 + index),
      title: `Page ${index}`,
      body: 'Lorem ipsum dolor sit amet. '.repeat(200),
    })),
  };

  it('summarizeJson: a large listing keeps its first items, cut bodies and says how many more', () => {
    const summary = summarizeJson(listing, 6_000);
    const value = summary.value as { total: number; results: unknown[] };
    expect(summary.truncated).toBe(true);
    expect(value.total).toBe(1_000);
    const marker = value.results.at(-1);
    expect(marker).toMatch(/^…\[\+\d+ more items\]$/);
    const shown = value.results.length - 1;
    expect(shown).toBeGreaterThanOrEqual(3);
    expect(marker).toBe(`…[+${1_000 - shown} more items]`);
    const first = value.results[0] as { id: string; title: string; body: string };
    expect(first.id).toBe('100000');
    expect(first.title).toBe('Page 0');
    expect(first.body).toMatch(/^Lorem ipsum.*…\[\+\d+ chars\]$/);
  });

  it('summarizeJson: small values among a huge one are kept whole', () => {
    const summary = summarizeJson(
      { ok: true, count: 3, note: 'short', body: 'x'.repeat(50_000) },
      500,
    );
    expect(summary.value).toMatchObject({ ok: true, count: 3, note: 'short' });
    expect((summary.value as { body: string }).body).toMatch(/^x+…\[\+\d+ chars\]$/);
  });

  it('summarizeJson: a string keeps its head and the number of characters cut', () => {
    const text = 'abcdefghij'.repeat(100);
    const summary = summarizeJson(text, 200);
    const value = summary.value as string;
    const head = value.slice(0, value.indexOf('…'));
    expect(text.startsWith(head)).toBe(true);
    expect(value).toBe(`${head}…[+${text.length - head.length} chars]`);
  });

  it('summarizeJson: an object whose keys alone overflow keeps its first keys and says how many more', () => {
    const object = Object.fromEntries(
      Array.from({ length: 500 }, (_, index) => [`key${index}`, index]),
    );
    const summary = summarizeJson(object, 300);
    const keys = Object.keys(summary.value as object);
    expect(keys[0]).toBe('key0');
    expect(keys.at(-1)).toBe('…');
    expect((summary.value as Record<string, string>)['…']).toBe(
      `+${500 - keys.length + 1} more keys`,
    );
  });

  it('summarizeJson: a marker key never overwrites a real key named "…"', () => {
    const object: Record<string, number> = { '…': 1 };
    for (let index = 0; index < 300; index++) object[`k${index}`] = index;
    const summary = summarizeJson(object, 250).value as Record<string, unknown>;
    expect(summary['…']).toBe(1);
    expect(summary['……']).toMatch(/more keys$/);
  });

  it('summarizeJson: a key named __proto__ stays an ordinary key', () => {
    const value = JSON.parse(
      '{"__proto__": {"a": "' + 'y'.repeat(1_000) + '"}, "b": 1}',
    ) as JsonValue;
    const summary = summarizeJson(value, 200);
    expect(JSON.stringify(summary.value)).toMatch(
      /^\{"__proto__":\{"a":"y+…\[\+\d+ chars\]"\},"b":1\}$/,
    );
  });

  it('summarizeJson: deep nesting is cut to markers, never past the budget', () => {
    let deep: JsonValue = 'bottom';
    for (let depth = 0; depth < 2_000; depth++) deep = [deep];
    const summary = summarizeJson(deep, 300);
    expect(JSON.stringify(summary.value).length).toBeLessThanOrEqual(300);
    expect(JSON.stringify(summary.value)).toContain('…[1 item]');
  });
});

function kind(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}
