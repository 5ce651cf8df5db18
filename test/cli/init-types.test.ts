/**
 * `types` and `init` through the real command: the declarations an editor needs (the SDK and the
 * script globals), and a scaffold in which the TypeScript compiler passes, catches a wrong call,
 * and whose example script runs against the embedded emulator.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliEnvironment, runCommand } from './cli-process.ts';

const TSC = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
const SCAFFOLD = ['confluence.d.ts', 'tsconfig.json', 'example.ts', 'relabel.job.ts'];

/** `tsc -p folder`: exit code and diagnostics. */
async function typecheck(folder: string): Promise<{ code: number; output: string }> {
  try {
    await promisify(execFile)(process.execPath, [TSC, '-p', folder]);
    return { code: 0, output: '' };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, output: failed.stdout };
  }
}

describe('confluence-workbench types / init', { timeout: 90_000 }, () => {
  let environment: ReturnType<typeof createCliEnvironment>;
  const cli = (args: string[], cwd?: string) =>
    runCommand(args, { env: environment.env, ...(cwd ? { cwd } : {}) });
  beforeAll(() => {
    environment = createCliEnvironment();
  });
  afterAll(() => environment.remove());

  it('types: declares the SDK and the script globals params, console and progress', async () => {
    const outcome = await cli(['types']);
    expect(outcome.code).toBe(0);
    for (const declaration of [
      'declare const confluence: Confluence.Sdk;',
      'declare const params: any;',
      'declare const console: Console;',
      'declare function progress(done: number, total?: number, message?: string): void;',
    ])
      expect(outcome.stdout).toContain(declaration);
  });

  it('init: writes the scaffold; tsc passes there, and the example runs with `run`', async () => {
    const folder = path.join(environment.dataDir, 'scripts');
    const outcome = await cli(['init', folder]);
    expect(outcome.code).toBe(0);
    for (const file of SCAFFOLD) expect(outcome.stderr).toContain(path.join(folder, file));
    expect(readFileSync(path.join(folder, 'confluence.d.ts'), 'utf8')).toBe(
      (await cli(['types'])).stdout,
    );
    expect(await typecheck(folder)).toEqual({ code: 0, output: '' });

    const example = await cli(['run', 'example.ts', '--params', '{"space":"ENG"}'], folder);
    expect(example.code).toBe(0);
    expect(example.stderr).not.toContain('warning');
    expect(JSON.parse(example.stdout)).toMatchObject({ space: 'ENG', truncated: false });
    expect(JSON.parse(example.stdout).pages).toBeGreaterThan(0);
  });

  it('init: the editor check fails on a wrong SDK call and on the statements form', async () => {
    const folder = path.join(environment.dataDir, 'checked');
    expect((await cli(['init', folder])).code).toBe(0);
    writeFileSync(
      path.join(folder, 'typo.ts'),
      'export default async function () {\n  return confluence.pages.gett("1");\n}\n',
    );
    writeFileSync(
      path.join(folder, 'statements.ts'),
      'const spaces = await confluence.spaces.list();\nreturn spaces.results.length;\n',
    );
    const { code, output } = await typecheck(folder);
    expect(code).not.toBe(0);
    expect(output).toContain("typo.ts(2,27): error TS2551: Property 'gett' does not exist");
    // Top-level `return` is legal only inside the sandbox's wrapper (README, "Editor").
    expect(output).toContain('statements.ts(2,1): error TS1108');
    expect(output.trim().split('\n')).toHaveLength(2);
  });

  it('init: refuses to overwrite, naming the files, unless --force', async () => {
    const folder = path.join(environment.dataDir, 'again');
    expect((await cli(['init', folder])).code).toBe(0);
    writeFileSync(path.join(folder, 'example.ts'), '// mine\n');
    const refused = await cli(['init', folder]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `init would overwrite ${path.join(folder, 'confluence.d.ts')}`,
    );
    expect(refused.stderr).toContain('--force');
    expect(readFileSync(path.join(folder, 'example.ts'), 'utf8')).toBe('// mine\n');
    expect((await cli(['init', folder, '--force'])).code).toBe(0);
    expect(readFileSync(path.join(folder, 'example.ts'), 'utf8')).toContain('export default');
  });

  it('init: a path that is a file is bad usage', async () => {
    const file = path.join(environment.dataDir, 'a-file');
    writeFileSync(file, '');
    const outcome = await cli(['init', file]);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain(`${file} is not a directory`);
  });
});
