import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/types.ts';
import { errorOf, startSandbox } from './helpers.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = startSandbox();
  await sandbox.ready();
});
afterAll(() => sandbox.close());

const valueOf = async (code: string) => {
  const result = await sandbox.run({ code, skipTypecheck: true });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
};

describe('return values across the boundary', () => {
  it.each([
    ['return 1n << 70n', '1180591620717411303424'],
    ['return new Date(Date.UTC(2024, 0, 2))', '2024-01-02T00:00:00.000Z'],
    ['return new Map([["a", 1], ["b", 2]])', { a: 1, b: 2 }],
    ['return new Map([[{ k: 1 }, "v"]])', [[{ k: 1 }, 'v']]],
    ['return new Set([1, 2, 2, 3])', [1, 2, 3]],
    ['return function named() {}', '[Function: named]'],
    ['return { f: () => 1 }', { f: '[Function: f]' }],
    ['return Symbol("s")', 'Symbol(s)'],
    ['return [undefined, NaN, Infinity, -0]', [null, null, null, 0]],
    ['return { a: undefined, b: 1 }', { b: 1 }],
    ['return new Uint8Array([1, 2, 3])', [1, 2, 3]],
    ['return new RangeError("r")', { name: 'RangeError', message: 'r' }],
    ['return /x+/g', '/x+/g'],
    ['return { p: Promise.resolve(1) }', { p: '[Promise]' }],
    [
      'const m = new Map(); m.set("__proto__", { polluted: 1 }); return m',
      { ['__proto__']: { polluted: 1 } },
    ],
  ])('conversion: %s', async (code, expected) => {
    expect(await valueOf(code)).toEqual(expected);
  });

  it('conversion: a cyclic object keeps its shape with "[Circular]" in place of the cycle', async () => {
    expect(
      await valueOf(
        'const a: any = { name: "a", list: [1] };\na.self = a;\na.list.push(a);\nreturn a;',
      ),
    ).toEqual({
      name: 'a',
      list: [1, '[Circular]'],
      self: '[Circular]',
    });
  });

  it('conversion: a shared (non-cyclic) object is repeated, not marked', async () => {
    expect(await valueOf('const shared = { x: 1 };\nreturn [shared, shared];')).toEqual([
      { x: 1 },
      { x: 1 },
    ]);
  });

  it('conversion: toJSON is honoured', async () => {
    expect(await valueOf('return { toJSON() { return "custom"; } }')).toBe('custom');
  });

  it('conversion: a getter that throws makes the value unserializable, with its message', async () => {
    const result = await sandbox.run({
      code: 'return { get bad() { throw new Error("getter exploded"); } }',
    });
    expect(errorOf(result)).toMatchObject({ phase: 'runtime', code: 'RESULT_NOT_SERIALIZABLE' });
    expect(errorOf(result).message).toContain('getter exploded');
  });

  it('conversion: a returned promise is awaited', async () => {
    expect(await valueOf('return Promise.resolve({ ok: 1 })')).toEqual({ ok: 1 });
  });
});
