/** Bad values: hostile arguments, return values and thrown things. */
import { expect } from 'vitest';
import { failsWith, type HostileCase, okWith, received, recordingHost } from './case.ts';
import { createFakeHost } from '../fixtures/fake-surface.ts';

export const badValues: HostileCase[] = [
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
