/** Resource attacks: time, memory, floods, and sizes on every path across the boundary. */
import { expect } from 'vitest';
import {
  failsWith,
  type HostileCase,
  hugeHost,
  MEMORY_BOMB_LIMITS,
  memoryFailure,
  okWith,
  recordingHost,
  TIME_LIMITS,
} from './case.ts';
import { createFakeHost } from '../fixtures/fake-surface.ts';
import { errorOf } from '../helpers.ts';

export const resources: HostileCase[] = [
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
