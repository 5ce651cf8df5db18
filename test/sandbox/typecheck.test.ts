import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTypeChecker } from '../../sandbox/typecheck/checker-client.ts';
import type { TypeChecker } from '../../sandbox/typecheck/types.ts';
import type { Sandbox } from '../../sandbox/types.ts';
import { createFakeHost, fakeSurface } from './fixtures/fake-surface.ts';
import { errorOf, startSandbox } from './helpers.ts';

let checker: TypeChecker;
let sandbox: Sandbox;
beforeAll(async () => {
  checker = createTypeChecker(fakeSurface);
  sandbox = startSandbox();
  await Promise.all([checker.ready(), sandbox.ready()]);
});
afterAll(async () => {
  await Promise.all([checker.close(), sandbox.close()]);
});

describe('typecheck', () => {
  it('typecheck: an unknown method of an API namespace is an error with a did-you-mean and the members', async () => {
    const { errors } = await checker.check(
      'const page = await confluence.pages.gett({ id: "1" });\nreturn page;',
    );
    expect(errors).toEqual([
      {
        line: 1,
        column: 37,
        code: 2551,
        message: "Property 'gett' does not exist on type 'PagesApi'. Did you mean 'get'?",
        hint: '`confluence.pages` has: get(), list(), create(), edit().',
      },
    ]);
  });

  it('typecheck: a wrong argument shape is an error with the expected signature', async () => {
    const { errors } = await checker.check('await confluence.pages.get({ id: 1 });');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 1, code: 2322 });
    expect(errors[0]!.hint).toBe(
      'Expected: confluence.pages.get(args: { id: string; includeBody?: boolean | undefined; }): Promise<Page>',
    );
  });

  it("typecheck: a misspelt property in an argument object is an error with TypeScript's suggestion", async () => {
    const { errors } = await checker.check(
      'await confluence.pages.create({ spaceKey: "ENG", titel: "t", body: "" });',
    );
    expect(errors[0]?.message).toMatch(/'titel' does not exist .* Did you mean to write 'title'\?/);
  });

  it('typecheck: missing arguments to an API function are an error', async () => {
    const { errors } = await checker.check('await confluence.pages.get();');
    expect(errors[0]).toMatchObject({ code: 2554 });
  });

  it('typecheck: the API reached through an alias is still checked', async () => {
    const { errors } = await checker.check(
      'const { pages } = confluence;\nawait pages.lst({ spaceKey: "ENG" });',
    );
    expect(errors[0]).toMatchObject({ line: 2, code: 2551 });
  });

  it('typecheck: a misspelt global that means the SDK is an error', async () => {
    const { errors } = await checker.check('await confluense.pages.get({ id: "1" });');
    expect(errors[0]).toMatchObject({ code: 2552, hint: 'The global is `confluence`.' });
  });

  it('typecheck: errors elsewhere are warnings (data fields, local types, unknown globals)', async () => {
    const outcome = await checker.check(
      'const page = await confluence.pages.get({ id: "1" });\nconst n: number = "x";\nconst list = await confluence.pages.list({ spaceKey: "ENG" });\nconsole.log(list.results.map((p) => p.titl));\nreturn page.titel;',
    );
    expect(outcome.errors).toEqual([]);
    expect(outcome.warnings.map((warning) => [warning.line, warning.code])).toEqual([
      [2, 2322],
      [4, 2551],
      [5, 2551],
    ]);
  });

  it('typecheck: a clean script has no diagnostics, in both forms', async () => {
    expect(
      await checker.check(
        'const page = await confluence.pages.get({ id: params.id });\nprogress(1, 1);\nreturn page.title;',
      ),
    ).toEqual({
      errors: [],
      warnings: [],
    });
    expect(
      await checker.check(
        'export default async function (params: { id: string }) {\n  return (await confluence.pages.get({ id: params.id })).title;\n}',
      ),
    ).toEqual({
      errors: [],
      warnings: [],
    });
  });

  it("typecheck: positions are in the user's module form lines", async () => {
    const { errors } = await checker.check(
      'export default async function (params) {\n  return confluence.page.get({ id: params.id });\n}',
    );
    expect(errors[0]).toMatchObject({ line: 2, column: 21, code: 2551 });
  });

  it('run: a typecheck error fails before a single host call, with a frame and the diagnostics', async () => {
    let calls = 0;
    const host = { 'pages.get': async () => (calls++, { id: '1' }) };
    const code =
      'const first = await confluence.pages.get({ id: "1" });\nconst second = await confluence.pages.gett({ id: "2" });\nreturn [first, second];';
    const result = await sandbox.run({ code, host });
    expect(errorOf(result)).toMatchObject({
      phase: 'typecheck',
      code: 'TYPE_ERROR',
      line: 2,
      column: 39,
    });
    expect(errorOf(result).message).toBe(
      "TS2551: Property 'gett' does not exist on type 'PagesApi'. Did you mean 'get'?",
    );
    expect(errorOf(result).frame).toContain('> 2 |');
    expect(errorOf(result).diagnostics).toHaveLength(1);
    expect(calls).toBe(0);
    expect(result.calls.total).toBe(0);
  });

  it('run: a script refused by the type-check streams no logs and no progress, even if it ran first', async () => {
    const streamed: unknown[] = [];
    let calls = 0;
    const result = await sandbox.run({
      code: 'console.log("before");\nprogress(1);\nawait confluence.pages.get({ id: "1" });\nawait confluence.pages.lst({ spaceKey: "ENG" });',
      host: { 'pages.get': async () => (calls++, {}) },
      onLog: (entry) => streamed.push(entry),
      onProgress: (event) => streamed.push(event),
    });
    expect(errorOf(result)).toMatchObject({ phase: 'typecheck', line: 4 });
    expect(result.logs).toEqual([]);
    expect(streamed).toEqual([]);
    expect(calls).toBe(0);
  });

  it('run: warnings do not stop the run and come back with the result', async () => {
    const result = await sandbox.run({
      code: 'const page = await confluence.pages.get({ id: "1" });\nreturn (page as any).title + (page.titel ?? "");',
      host: createFakeHost(),
    });
    expect(result).toMatchObject({ ok: true, value: 'Page 1' });
    expect(result.warnings).toEqual([expect.objectContaining({ line: 2, code: 2551 })]);
  });

  it('run: skipTypecheck runs a script the checker would refuse', async () => {
    const result = await sandbox.run({
      code: 'return typeof (confluence.pages as any).gett;',
      skipTypecheck: true,
    });
    expect(result).toMatchObject({ ok: true, value: 'undefined' });
  });

  it('typecheck: the same code again is answered from the cache, as a copy the caller may change', async () => {
    const code = 'const x: number = "not a number";\nreturn x;';
    const first = await checker.check(code);
    first.warnings.length = 0;
    const second = await checker.check(code);
    expect(second.warnings).toEqual([expect.objectContaining({ line: 1, code: 2322 })]);
  });

  it('typecheck: a check that stalls past its timeout is skipped with a warning, and the checker recovers', async () => {
    const slow = createTypeChecker(fakeSurface, 1);
    try {
      const outcome = await slow.check('return 1;');
      expect(outcome.errors).toEqual([]);
      expect(outcome.warnings[0]?.message).toMatch(/type-check was skipped/);
    } finally {
      await slow.close();
    }
    expect((await checker.check('return 1;')).warnings).toEqual([]);
  });
});
