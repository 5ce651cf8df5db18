/**
 * Hostile scripts: escape attempts, resource attacks and bad values. Each case asserts what
 * happens; after the whole suite the same pool still serves a normal run and the host process's
 * memory is back near where it started. Catastrophic OOMs are safe here: they abort a sandbox
 * worker process, never this test process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostFunction, RunResult, Sandbox, SandboxLimits } from '../../sandbox/types.ts';
import { createFakeHost } from './fixtures/fake-surface.ts';
import { errorOf, QUICK_LIMITS, startSandbox } from './helpers.ts';

interface HostileCase {
  name: string;
  code: string;
  host?: Record<string, HostFunction>;
  limits?: Partial<SandboxLimits>;
  check: (result: RunResult) => void;
}

/** What the host functions of the bad-value cases received. */
const received: unknown[] = [];
const recordingHost: Record<string, HostFunction> = {
  ...createFakeHost(),
  'pages.create': async (args) => {
    received.push(args);
    return { id: '9', ...Object.assign({}, args) };
  },
};
const hugeHost: Record<string, HostFunction> = {
  'pages.get': async () => ({ body: 'x'.repeat(8 * 1024 * 1024) }),
};

// A memory bomb ends at the isolate's limit, or, for some allocation patterns (dictionaries, Maps,
// sometimes huge arrays), in a V8 fatal OOM that takes the worker down (notes §2.2). Either is
// phase memory; generous time limits make sure memory, not time, is what stops it.
// Time limits are generous by default, so that on a loaded machine each case ends for its own
// reason; the cases about time set the quick ones.
const SUITE_LIMITS: Partial<SandboxLimits> = {
  memoryMb: 32,
  syncTimeoutMs: 5_000,
  cpuTimeMs: 5_000,
  wallTimeMs: 10_000,
};
const TIME_LIMITS = QUICK_LIMITS;
const MEMORY_BOMB_LIMITS: Partial<SandboxLimits> = {
  syncTimeoutMs: 10_000,
  cpuTimeMs: 10_000,
  wallTimeMs: 20_000,
};
const memoryFailure = (result: RunResult) =>
  expect(errorOf(result)).toMatchObject({
    phase: 'memory',
    code: expect.stringMatching(/^(MEMORY_LIMIT|WORKER_CRASHED)$/),
  });

const okWith = (value: unknown) => (result: RunResult) =>
  expect(result).toMatchObject({ ok: true, value });
const failsWith = (expected: Record<string, unknown>) => (result: RunResult) =>
  expect(errorOf(result)).toMatchObject(expected);

const escapes: HostileCase[] = [
  {
    name: 'the Function constructor reaches no host process',
    code: 'return (function () {}).constructor("return typeof process")();',
    check: okWith('undefined'),
  },
  {
    name: 'a constructor chain from a host answer reaches no host',
    code: 'const page: any = await confluence.pages.get({ id: "1" });\nreturn page.constructor.constructor("return [typeof process, typeof require, typeof globalThis.process]")();',
    host: createFakeHost(),
    check: okWith(['undefined', 'undefined', 'undefined']),
  },
  {
    name: 'the SDK functions chain to the isolate Function only',
    code: 'const F = (confluence.pages.get as any).constructor.constructor;\nreturn F("return typeof process + typeof require")();',
    check: okWith('undefinedundefined'),
  },
  {
    name: 'no host globals: process, require, fetch, timers, module, Buffer',
    code: 'return [typeof process, typeof require, typeof fetch, typeof setTimeout, typeof setInterval, typeof setImmediate, typeof module, typeof Buffer, typeof performance];',
    check: okWith(Array(9).fill('undefined')),
  },
  {
    name: 'WebAssembly, SharedArrayBuffer and Atomics are gone',
    code: 'return [typeof WebAssembly, typeof SharedArrayBuffer, typeof Atomics];',
    check: okWith(['undefined', 'undefined', 'undefined']),
  },
  {
    name: 'only the documented globals are added',
    code: 'return Object.getOwnPropertyNames(globalThis).filter((name) => /^[a-z$_]/.test(name) && !["parseFloat","parseInt","undefined","globalThis","decodeURI","decodeURIComponent","encodeURI","encodeURIComponent","escape","unescape","eval","isFinite","isNaN"].includes(name)).sort();',
    check: okWith(['confluence', 'console', 'params', 'progress']),
  },
  {
    name: 'eval cannot see the bridge or the runtime',
    code: 'return ["$0", "$1", "sandboxRuntime", "bridge", "install", "call", "ivm"].map((name) => eval(`typeof ${name}`));',
    check: okWith(Array(7).fill('undefined')),
  },
  {
    name: 'dynamic import is refused',
    code: 'const fs = await import("node:fs");\nreturn typeof fs;',
    check: failsWith({ phase: 'runtime', message: 'Error: Not supported' }),
  },
  {
    name: 'stack frames expose no this or function from the runtime (prepareStackTrace)',
    code: 'let seen: unknown[] = [];\n(Error as any).prepareStackTrace = (_e: unknown, frames: any[]) => { seen = frames.map((f) => [typeof f.getThis(), typeof f.getFunction()]); return ""; };\ntry { await confluence.pages.get({ id: "404" }); } catch (e: any) { void e.stack; }\nreturn seen.filter(([self, fn]: any) => self !== "undefined" || fn !== "undefined");',
    host: createFakeHost(),
    check: okWith([]),
  },
  {
    name: 'polluting Object.prototype cannot change the bridge transfer options',
    code: 'Object.defineProperty(Object.prototype, "reference", { get() { return true; }, configurable: true });\n(Object.prototype as any).copy = false;\n(Object.prototype as any).promise = false;\nconst page = await confluence.pages.get({ id: "2" });\nreturn [page.title, typeof (page as any).derefInto];',
    host: createFakeHost(),
    check: okWith(['Page 2', 'undefined']),
  },
  {
    name: 'replacing JSON, Promise.prototype.then and WeakMap.prototype.get does not break the bridge',
    code: 'const page = await confluence.pages.get({ id: "404" }).catch((e: any) => e);\nJSON.stringify = () => "{}";\nJSON.parse = () => ({ forged: true });\nWeakMap.prototype.get = () => ({ phase: "policy" });\nconst again = await confluence.pages.get({ id: "3" });\nreturn [page.status, again.title];',
    host: createFakeHost(),
    check: okWith([404, 'Page 3']),
  },
  {
    name: 'the SDK globals are frozen and cannot be redefined',
    code: '"use strict";\nconst results: string[] = [];\ntry { (confluence.pages as any).get = () => 1; } catch (e: any) { results.push(e.name); }\ntry { Object.defineProperty(globalThis, "confluence", { value: 1 }); } catch (e: any) { results.push(e.name); }\ntry { Object.defineProperty(globalThis, "console", { value: 1 }); } catch (e: any) { results.push(e.name); }\nreturn [results, Object.isFrozen(confluence.pages), typeof console.log];',
    check: okWith([['TypeError', 'TypeError', 'TypeError'], true, 'function']),
  },
  {
    name: 'a forged host error (phase policy on a plain Error) stays a runtime error',
    code: 'throw Object.assign(new Error("forged"), { phase: "policy", status: 403, code: "POLICY" });',
    check: failsWith({ phase: 'runtime', code: 'RUNTIME_ERROR', message: 'Error: forged' }),
  },
];

const resources: HostileCase[] = [
  {
    name: 'an infinite loop before any await',
    code: 'for (;;) {}',
    limits: TIME_LIMITS,
    check: failsWith({ phase: 'timeout', code: 'SYNC_TIMEOUT' }),
  },
  {
    name: 'an infinite loop after an await',
    code: 'await confluence.pages.get({ id: "1" });\nfor (;;) {}',
    host: createFakeHost(),
    limits: TIME_LIMITS,
    check: failsWith({ phase: 'timeout', code: 'CPU_TIME_LIMIT' }),
  },
  {
    name: 'a never-settling promise',
    code: 'await new Promise(() => {});',
    limits: { wallTimeMs: 300 },
    check: failsWith({
      phase: 'timeout',
      code: 'WALL_TIME_LIMIT',
      hint: expect.stringMatching(/never settles/),
    }),
  },
  {
    name: 'an endless microtask chain',
    code: 'for (;;) await null;',
    limits: TIME_LIMITS,
    check: failsWith({ phase: 'timeout', code: 'SYNC_TIMEOUT' }),
  },
  {
    name: 'catastrophic regex backtracking',
    code: 'return /(a+)+$/.test("a".repeat(40) + "b");',
    limits: TIME_LIMITS,
    check: failsWith({ phase: 'timeout', code: 'SYNC_TIMEOUT' }),
  },
  {
    name: 'memory bomb: an array of objects',
    code: 'const rows: object[] = [];\nfor (;;) rows.push({ n: rows.length, s: "row " + rows.length });',
    limits: MEMORY_BOMB_LIMITS,
    check: memoryFailure,
  },
  {
    name: 'memory bomb: doubling a flattened string',
    code: 'let s = "x";\nfor (;;) { s = s + s; s.charCodeAt(s.length - 1); }',
    limits: MEMORY_BOMB_LIMITS,
    check: memoryFailure,
  },
  {
    name: 'memory bomb: after an await',
    code: 'await confluence.pages.get({ id: "1" });\nconst rows: string[] = [];\nfor (;;) rows.push("row " + rows.length);',
    host: createFakeHost(),
    limits: MEMORY_BOMB_LIMITS,
    check: memoryFailure,
  },
  {
    name: 'memory bomb: one huge typed array',
    code: 'return new Uint8Array(1e9).length;',
    check: failsWith({ phase: 'memory', code: 'MEMORY_LIMIT', line: 1 }),
  },
  {
    name: 'memory bomb: a Map of millions of entries (a V8 fatal OOM: the worker is replaced)',
    code: 'const map = new Map<number, number>();\nfor (let i = 0; ; i++) map.set(i, i);',
    limits: MEMORY_BOMB_LIMITS,
    check: memoryFailure,
  },
  {
    name: 'memory bomb: a dictionary object of millions of keys',
    code: 'const dict: Record<string, number> = {};\nfor (let i = 0; ; i++) dict["k" + i] = i;',
    limits: MEMORY_BOMB_LIMITS,
    check: memoryFailure,
  },
  {
    name: 'WebAssembly memory (not counted by memoryLimit) is unreachable',
    code: 'const memory = new WebAssembly.Memory({ initial: 6_000 });\nreturn memory.buffer.byteLength;',
    check: failsWith({ phase: 'runtime', message: 'ReferenceError: WebAssembly is not defined' }),
  },
  {
    name: 'Atomics.wait cannot block',
    code: 'Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);',
    check: failsWith({
      phase: 'runtime',
      message: expect.stringMatching(/ReferenceError: (Atomics|SharedArrayBuffer) is not defined/),
    }),
  },
  {
    name: 'deep recursion',
    code: 'function down(n: number): number {\n  return down(n + 1) + 1;\n}\nreturn down(0);',
    check: (result) => {
      expect(errorOf(result)).toMatchObject({
        phase: 'runtime',
        message: 'RangeError: Maximum call stack size exceeded',
        line: 2,
        hint: expect.stringMatching(/recursion/),
      });
      expect(errorOf(result).stack!.split('\n').length).toBeLessThan(5);
    },
  },
  {
    name: 'a flood of logs is elided, not an error',
    code: 'for (let i = 0; i < 20_000; i++) console.log("flood " + i);\nreturn "survived";',
    limits: { syncTimeoutMs: 10_000 },
    check: (result) => {
      expect(result).toMatchObject({ ok: true, value: 'survived', logsTruncated: true });
      expect(result.logs.reduce((bytes, entry) => bytes + entry.message.length, 0)).toBeLessThan(
        33 * 1024 + 200,
      );
    },
  },
  {
    name: 'one enormous log line is cut',
    code: 'console.log("x".repeat(5_000_000));\nreturn 1;',
    check: (result) => {
      expect(result).toMatchObject({ ok: true, logsTruncated: true });
      expect(result.logs[0]!.message.length).toBeLessThanOrEqual(32 * 1024 + 1);
    },
  },
  {
    name: 'a flood of progress reports',
    code: 'for (let i = 0; i <= 20_000; i++) progress(i, 20_000);\nreturn "done";',
    limits: { syncTimeoutMs: 10_000 },
    check: okWith('done'),
  },
  {
    name: 'a flood of host calls',
    code: 'await Promise.all(Array.from({ length: 10_000 }, () => confluence.pages.get({ id: "1" })));',
    host: createFakeHost(),
    check: failsWith({
      phase: 'limit',
      code: 'HOST_CALL_LIMIT',
      limit: { name: 'maxHostCalls', limit: 500, reached: 501 },
    }),
  },
  {
    name: 'huge host-call arguments',
    code: 'await confluence.pages.create({ spaceKey: "ENG", title: "t", body: "x".repeat(10_000_000) });',
    host: recordingHost,
    check: failsWith({ phase: 'limit', code: 'ARG_SIZE_LIMIT' }),
  },
  {
    name: 'a huge host answer',
    code: 'await confluence.pages.get({ id: "1" });',
    host: hugeHost,
    check: failsWith({ phase: 'limit', code: 'HOST_RESULT_SIZE_LIMIT' }),
  },
  {
    name: 'a huge return value',
    code: 'return "x".repeat(20_000_000);',
    check: failsWith({ phase: 'limit', code: 'RETURN_SIZE_LIMIT' }),
  },
  {
    name: 'a huge return value of many small items',
    code: 'return Array.from({ length: 2_000_000 }, (_, i) => i);',
    limits: { memoryMb: 128 },
    check: failsWith({ phase: 'limit', code: 'RETURN_SIZE_LIMIT' }),
  },
];

const badValues: HostileCase[] = [
  {
    name: '__proto__ keys in host arguments arrive as nothing',
    code: 'const args = JSON.parse(\'{"__proto__": {"polluted": true}, "spaceKey": "ENG", "title": "t", "body": ""}\');\nconst page: any = await confluence.pages.create(args);\nreturn [page.polluted ?? null, page.title];',
    host: recordingHost,
    check: (result) => {
      expect(result).toMatchObject({ ok: true, value: [null, 't'] });
      expect(Object.hasOwn(received.at(-1) as object, '__proto__')).toBe(false);
      expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    },
  },
  {
    name: 'a getter that throws in host arguments fails in the isolate, before any host call',
    code: 'const args = { spaceKey: "ENG", body: "", get title(): string { throw new Error("getter says no"); } };\ntry { await confluence.pages.create(args); } catch (e: any) { return e.message; }',
    host: recordingHost,
    check: (result) =>
      expect(result).toMatchObject({ ok: true, value: 'getter says no', calls: { total: 0 } }),
  },
  {
    name: 'BigInt and cyclic host arguments are TypeErrors the script can catch',
    code: 'const errors: string[] = [];\nfor (const args of [{ n: 1n }, (() => { const a: any = {}; a.a = a; return a; })()]) {\n  try { await confluence.pages.get(args as any); } catch (e: any) { errors.push(e.name); }\n}\nreturn errors;',
    host: createFakeHost(),
    check: okWith(['TypeError', 'TypeError']),
  },
  {
    name: 'toJSON that throws in the return value',
    code: 'return { toJSON() { throw new Error("no json for you"); } };',
    check: failsWith({
      code: 'RESULT_NOT_SERIALIZABLE',
      message: expect.stringContaining('no json for you'),
    }),
  },
  {
    name: 'toJSON that returns a huge string',
    code: 'return { toJSON: () => "y".repeat(1_000_000) };',
    check: failsWith({ code: 'RETURN_SIZE_LIMIT' }),
  },
  {
    name: 'toJSON in host arguments that returns something else',
    code: 'const page: any = await confluence.pages.create({ toJSON: () => ({ spaceKey: "ENG", title: "swapped", body: "" }) } as any);\nreturn page.title;',
    host: recordingHost,
    check: okWith('swapped'),
  },
  {
    name: 'a Proxy as the return value whose traps throw',
    code: 'return { inner: new Proxy({}, { ownKeys() { throw new Error("trap"); }, get() { throw new Error("trap"); } }) };',
    check: failsWith({ code: 'RESULT_NOT_SERIALIZABLE' }),
  },
  {
    name: 'thrown non-Errors: a string',
    code: 'throw "just a string";',
    check: failsWith({
      phase: 'runtime',
      code: 'NON_ERROR_THROWN',
      message: expect.stringContaining('just a string'),
    }),
  },
  {
    name: 'thrown non-Errors: null, a symbol, a plain object',
    code: 'const which = params.which;\nif (which === 0) throw null;\nif (which === 1) throw Symbol("s");\nthrow { message: "looks like an error" };',
    check: failsWith({
      code: 'NON_ERROR_THROWN',
      message: expect.stringContaining('looks like an error'),
    }),
  },
  {
    name: 'an Error whose message and name getters throw',
    code: 'const error = new Error("x");\nObject.defineProperty(error, "message", { get() { throw new Error("trap"); } });\nObject.defineProperty(error, "name", { get() { throw new Error("trap"); } });\nthrow error;',
    check: failsWith({ phase: 'runtime', code: 'RUNTIME_ERROR' }),
  },
  {
    name: 'a fire-and-forget host call that fails does not break the run',
    code: 'void confluence.pages.get({ id: "404" });\nconst page = await confluence.pages.get({ id: "1" });\nreturn page.title;',
    host: createFakeHost(),
    check: okWith('Page 1'),
  },
];

let sandbox: Sandbox;
let rssBefore = 0;
beforeAll(async () => {
  sandbox = startSandbox({ limits: SUITE_LIMITS });
  await sandbox.ready();
  rssBefore = process.memoryUsage().rss;
});
afterAll(() => sandbox.close());

describe.each([
  ['escape attempts', escapes],
  ['resource attacks', resources],
  ['bad values', badValues],
])('hostile: %s', (_group, cases) => {
  it.each(cases.map((hostileCase) => [hostileCase.name, hostileCase] as const))(
    'hostile: %s',
    async (_name, hostileCase) => {
      const result = await sandbox.run({
        code: hostileCase.code,
        params: { which: 2 },
        ...(hostileCase.host ? { host: hostileCase.host } : {}),
        ...(hostileCase.limits ? { limits: hostileCase.limits } : {}),
        skipTypecheck: true,
      });
      hostileCase.check(result);
      expect(JSON.stringify(result)).not.toMatch(/\/work\/|node:internal|node_modules/);
    },
  );
});

describe('hostile: aftermath', () => {
  it('hostile: at least 30 hostile scripts ran', () => {
    expect(escapes.length + resources.length + badValues.length).toBeGreaterThanOrEqual(30);
  });

  it('hostile: after the whole suite the same pool still serves a normal run', async () => {
    const result = await sandbox.run({
      code: 'const page = await confluence.pages.get({ id: "1" });\nreturn page.title;',
      host: createFakeHost(),
    });
    expect(result).toMatchObject({ ok: true, value: 'Page 1' });
  });

  it("hostile: the host process's memory is back near where it started", () => {
    const grownMb = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
    expect(grownMb).toBeLessThan(200);
  });
});
