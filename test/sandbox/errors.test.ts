import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult, Sandbox } from '../../sandbox/types.ts';
import { createFakeHost, FakeConfluenceError } from './fixtures/fake-surface.ts';
import { errorOf, startSandbox } from './helpers.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = startSandbox();
  await sandbox.ready();
});
afterAll(() => sandbox.close());

/** Nothing from the host (paths, node internals, isolated-vm) may appear in a result. */
function expectNoHostLeak(result: RunResult): void {
  const text = JSON.stringify(result);
  expect(text).not.toMatch(
    /\/work\/|node:internal|node_modules|isolated-vm|file:\/\/\/sandbox\/(runtime|prelude)/,
  );
}

describe('run errors', () => {
  it('run: a syntax error fails in compile with line, column and a code frame', async () => {
    const result = await sandbox.run({ code: 'const a = 1;\nconst b = ;\nreturn a;' });
    expect(errorOf(result)).toMatchObject({
      phase: 'compile',
      code: 'SYNTAX_ERROR',
      line: 2,
      column: 11,
    });
    expect(errorOf(result).frame).toContain('> 2 | const b = ;');
    expect(result.calls.total).toBe(0);
  });

  it('run: a runtime error is mapped to the line and column of the TypeScript', async () => {
    const code = [
      'interface Row { field: string }',
      'const rows: Row[] = [];',
      '',
      'const first = rows[0] as Row;',
      'return first.field.length;',
    ].join('\n');
    const error = errorOf(await sandbox.run({ code }));
    expect(error).toMatchObject({ phase: 'runtime', code: 'RUNTIME_ERROR', line: 5, column: 14 });
    expect(error.message).toBe("TypeError: Cannot read properties of undefined (reading 'field')");
    expect(error.stack).toBe('    at user.ts:5:14');
    expect(error.frame).toContain('> 5 | return first.field.length;');
  });

  it('run: a runtime error inside a default-exported module function is mapped too', async () => {
    const code =
      'export default async function (params: any) {\n  const x = params.missing;\n  return x.y;\n}';
    const error = errorOf(await sandbox.run({ code, params: {} }));
    expect(error).toMatchObject({ phase: 'runtime', line: 3, column: 12 });
    expect(error.stack).toContain('at default (user.ts:3:12)');
  });

  it('run: a host error is catchable in the script, with status, code and name', async () => {
    const code = [
      'try {',
      '  await confluence.pages.get({ id: "404" });',
      '} catch (error: any) {',
      '  return { name: error.name, message: error.message, status: error.status, code: error.code, isError: error instanceof Error };',
      '}',
    ].join('\n');
    const result = await sandbox.run({ code, host: createFakeHost() });
    expect(result).toMatchObject({
      ok: true,
      value: {
        name: 'ConfluenceError',
        message: 'Page 404 not found',
        status: 404,
        code: 'NOT_FOUND',
        isError: true,
      },
      calls: { total: 1, failed: 1 },
    });
  });

  it("run: a host error's stack runs through the user's await", async () => {
    const code = [
      'async function load(id: string) {',
      '  const page = await confluence.pages.get({ id });',
      '  return page;',
      '}',
      'try {',
      '  await load("404");',
      '} catch (error: any) {',
      '  return error.stack;',
      '}',
    ].join('\n');
    const result = await sandbox.run({ code, host: createFakeHost() });
    expect(result.value).toMatch(
      /ConfluenceError: Page 404 not found[\s\S]*at async load \(file:\/\/\/sandbox\/user\.js/,
    );
  });

  it('run: an escaped host error fails the run in the phase the host names, at the user line', async () => {
    const code =
      'const id = "404";\nconst page = await confluence.pages.get({ id });\nreturn page.title;';
    const result = await sandbox.run({ code, host: createFakeHost() });
    expect(errorOf(result)).toMatchObject({
      phase: 'confluence',
      code: 'NOT_FOUND',
      hostCode: 'NOT_FOUND',
      status: 404,
      message: 'ConfluenceError: Page 404 not found',
      line: 2,
      column: 14,
    });
    expectNoHostLeak(result);
  });

  it('run: a policy error from the host fails in phase policy with its details', async () => {
    const host = {
      'pages.create': async () => {
        throw Object.assign(new Error('writes are disabled'), {
          phase: 'policy',
          code: 'POLICY_READ_ONLY',
          details: { operation: 'pages.create' },
        });
      },
    };
    const result = await sandbox.run({
      code: 'await confluence.pages.create({ spaceKey: "ENG", title: "t", body: "" });',
      host,
    });
    expect(errorOf(result)).toMatchObject({
      phase: 'policy',
      code: 'POLICY_READ_ONLY',
      details: { operation: 'pages.create' },
    });
  });

  it('run: a host error without a phase fails in runtime; its host stack and fields stay out', async () => {
    const host = {
      'pages.get': async () => {
        const error = new FakeConfluenceError(500, 'INTERNAL', 'boom');
        Object.assign(error, { phase: 'not-a-phase', secret: { token: 'SECRET-TOKEN' } });
        throw error;
      },
    };
    const result = await sandbox.run({
      code: 'try {\n  await confluence.pages.get({ id: "1" });\n} catch (error: any) {\n  return [Object.keys(error), String(error.stack).includes("/work/")];\n}\n',
      host,
    });
    expect(result.value).toEqual([['status', 'code'], false]);
    const escaped = await sandbox.run({ code: 'await confluence.pages.get({ id: "1" });', host });
    expect(errorOf(escaped)).toMatchObject({ phase: 'runtime', code: 'INTERNAL', status: 500 });
    expect(JSON.stringify(escaped)).not.toContain('SECRET-TOKEN');
    expectNoHostLeak(escaped);
  });

  it('run: a host function that throws before its first await cannot crash the worker (ivm #314)', async () => {
    const host = {
      'pages.get': (() => {
        throw new Error('thrown synchronously');
      }) as never,
    };
    const code =
      'try {\n  await confluence.pages.get({ id: "1" });\n} catch (error: any) {\n  return error.message;\n}';
    expect(await sandbox.run({ code, host })).toMatchObject({
      ok: true,
      value: 'thrown synchronously',
    });
    expect(await sandbox.run({ code: 'return 2' })).toMatchObject({ ok: true, value: 2 });
  });

  it('run: a host function returning a non-JSON value gives the script a clear error', async () => {
    const host = { 'pages.get': async () => ({ big: 1n }) };
    const code =
      'try {\n  await confluence.pages.get({ id: "1" });\n} catch (error: any) {\n  return error.code;\n}';
    expect(await sandbox.run({ code, host })).toMatchObject({
      ok: true,
      value: 'HOST_RESULT_INVALID',
    });
  });

  it('run: an uncaught error thrown by the script has no host frames', async () => {
    const result = await sandbox.run({
      code: 'function fail() {\n  throw new RangeError("nope");\n}\nfail();',
    });
    const error = errorOf(result);
    expect(error).toMatchObject({
      phase: 'runtime',
      message: 'RangeError: nope',
      line: 2,
      column: 9,
    });
    expect(error.stack?.split('\n')).toEqual(['    at fail (user.ts:2:9)', '    at user.ts:4:1']);
    expectNoHostLeak(result);
  });

  it('run: rejections the script never handles become warnings, and the run goes on', async () => {
    const code = [
      'void (async () => { throw new Error("sync forgotten"); })();',
      'void confluence.pages.get({ id: "404" });',
      'await confluence.pages.get({ id: "1" });',
      'const page = await confluence.pages.get({ id: "2" });',
      'return page.title;',
    ].join('\n');
    const result = await sandbox.run({ code, host: createFakeHost() });
    expect(result).toMatchObject({ ok: true, value: 'Page 2' });
    expect(result.logs.map((entry) => [entry.level, entry.message])).toEqual([
      [
        'warn',
        expect.stringMatching(
          /^Unhandled promise rejection: Error: sync forgotten \(at user\.ts:1:\d+\)\. Await every promise/,
        ),
      ],
      [
        'warn',
        expect.stringMatching(
          /^Unhandled promise rejection: Error: Page 404 not found\. Await every promise/,
        ),
      ],
    ]);
    expectNoHostLeak(result);
  });

  it('run: an import is refused at compile time with a hint', async () => {
    const error = errorOf(await sandbox.run({ code: "import fs from 'node:fs';\nreturn fs;" }));
    expect(error).toMatchObject({ phase: 'compile', code: 'IMPORT_NOT_SUPPORTED', line: 1 });
    expect(error.hint).toMatch(/globals/);
  });

  it('run: a module without a default export is refused at compile time', async () => {
    const error = errorOf(await sandbox.run({ code: 'export const x = 1;' }));
    expect(error).toMatchObject({ phase: 'compile', code: 'NO_DEFAULT_EXPORT' });
  });
});
