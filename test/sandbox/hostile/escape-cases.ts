/** Escape attempts: reaching the host through constructors, prototypes, stack frames or the bridge. */
import { failsWith, type HostileCase, okWith } from './case.ts';
import { createFakeHost } from '../fixtures/fake-surface.ts';

export const escapes: HostileCase[] = [
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
  {
    name: 'a then or toJSON planted on Object.prototype cannot forge the outcome or a host answer',
    code: 'const page = await confluence.pages.get({ id: "2" });\nconst forged = { configurable: true, get() { return (resolve: (value: unknown) => void) => resolve("R\\"forged\\""); } };\nObject.defineProperty(Object.prototype, "then", forged);\nObject.defineProperty(Object.prototype, "toJSON", { configurable: true, value: () => "forged" });\nlet status = 0;\ntry { await confluence.pages.get({ id: "404" }); } catch (error: any) { status = error.status; }\nreturn page.title.length * 1000 + status;',
    host: createFakeHost(),
    check: okWith(6404),
  },
  {
    name: 'accessors planted on Object.prototype do not break host errors',
    code: 'Object.defineProperty(Object.prototype, "get", { configurable: true, value: () => 1 });\nObject.defineProperty(Object.prototype, "set", { __proto__: null, configurable: true, value: () => 1 } as PropertyDescriptor);\ntry { await confluence.pages.get({ id: "404" }); } catch (error: any) { return [error.name, error.status]; }',
    host: createFakeHost(),
    check: okWith(['ConfluenceError', 404]),
  },
];
