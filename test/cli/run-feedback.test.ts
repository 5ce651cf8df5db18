/**
 * What `run` says on stderr while it waits (retries, rate-limit back-off) and when it ends
 * (`--quiet`, a write summary), through the real command against the emulator as a separate
 * process whose fault switch makes Confluence answer 503 and 429.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderEnvelope } from '../../src/cli/render-envelope.ts';
import { waitLine } from '../../src/cli/run-feedback.ts';
import type { RunEnvelope } from '../../src/runs/types.ts';
import { createCliEnvironment, runCommand } from './cli-process.ts';
import { type EmulatorProcess, startEmulatorProcess } from './emulator-process.ts';

const LIST_SPACES = 'return (await confluence.spaces.list()).results.length;';

describe('confluence-workbench run: feedback', { timeout: 180_000 }, () => {
  let site: EmulatorProcess;
  beforeAll(async () => {
    site = await startEmulatorProcess();
  }, 120_000);
  afterAll(() => site?.stop());

  const run = (args: string[], input: string) =>
    runCommand(['run', '-', ...args], { env: site.env, input });

  it('run: each retry after a 503 is said on stderr as it happens, with the wait and the count', async () => {
    await site.setFaults({ errors: { ratio: 1, status: 503, count: 2 } });
    const outcome = await run([], LIST_SPACES);
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(outcome.stderr).toMatch(
      /waiting \d+\.\d s: Confluence answered 503 to spaces\.list, retry 1 of 4\n/,
    );
    expect(outcome.stderr).toMatch(/Confluence answered 503 to spaces\.list, retry 2 of 4\n/);
    expect(outcome.stderr).not.toContain('retry 3 of 4');
    // Said before the run's end, not after it.
    expect(outcome.stderr.indexOf('retry 2 of 4')).toBeLessThan(outcome.stderr.indexOf('✓ run_'));
  });

  it('run: a 429 announces at least the Retry-After it asked for', async () => {
    await site.setFaults({ throttle: { ratio: 1, retryAfterSeconds: 2, count: 1 } });
    const outcome = await run(['--json'], LIST_SPACES);
    expect(outcome.code, outcome.stderr).toBe(0);
    const wait =
      /waiting (\d+\.\d) s: Confluence answered 429 \(rate limited\) to spaces\.list, retry 1 of 4/.exec(
        outcome.stderr,
      );
    expect(wait, outcome.stderr).not.toBeNull();
    expect(Number(wait![1])).toBeGreaterThanOrEqual(1.9);
    expect((JSON.parse(outcome.stdout) as RunEnvelope).calls.retries).toBe(1);
  });

  it('run: a call held by a pause another call drew says so once, with the reason', async () => {
    await site.setFaults({ throttle: { ratio: 1, retryAfterSeconds: 2, count: 1 } });
    // One request at a time: pages.list starts once spaces.list's 429 is in, and the site paused.
    const outcome = await runCommand(['run', '-', '--json'], {
      env: { ...site.env, CONFLUENCE_MAX_CONCURRENCY: '1' },
      input: `const [spaces, pages] = await Promise.all([
  confluence.spaces.list(),
  confluence.pages.list({ limit: 1 }),
]);
return [spaces.results.length, pages.results.length];`,
    });
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(outcome.stderr).toMatch(
      /waiting \d+\.\d s: Confluence answered 429 \(rate limited\) to spaces\.list, retry 1 of 4/,
    );
    const held = [
      ...outcome.stderr.matchAll(
        /waiting (\d+\.\d) s: the site is paused \(confluence-burst-based\), pages\.list goes after/g,
      ),
    ];
    expect(held, outcome.stderr).toHaveLength(1);
    expect(Number(held[0]![1])).toBeGreaterThanOrEqual(1);
    // The notice is not a retry: the run counts only spaces.list's.
    expect((JSON.parse(outcome.stdout) as RunEnvelope).calls.retries).toBe(1);
  });

  it('waitLine: a wait on a pause names the pause, not a retry', () => {
    expect(
      waitLine({
        operation: 'pages.get',
        retry: 0,
        maxRetries: 0,
        waitMs: 12_000,
        code: 'SITE_PAUSED',
        pausedBy: 'confluence-quota-global-based',
      }),
    ).toBe(
      'waiting 12 s: the site is paused (confluence-quota-global-based), pages.get goes after',
    );
  });

  it('run --quiet: a run that succeeds prints its result and nothing on stderr, waits included', async () => {
    await site.setFaults({ errors: { ratio: 1, status: 503, count: 1 } });
    const outcome = await run(['--quiet'], `console.log("hello"); progress(1, 1); ${LIST_SPACES}`);
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(outcome.stdout.trim()).toBe('3');
    expect(outcome.stderr).toBe('');
  });

  it('run --quiet: a run that fails still says why', async () => {
    await site.setFaults({});
    const outcome = await run(
      ['-q'],
      'console.log("noise"); throw new Error("broken on purpose");',
    );
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toMatch(/✗ run_\w+ error/);
    expect(outcome.stderr).toContain('broken on purpose');
    expect(outcome.stderr).not.toContain('│ noise');
  });
});

describe('confluence-workbench run: write summary', { timeout: 180_000 }, () => {
  let environment: ReturnType<typeof createCliEnvironment>;
  beforeAll(() => {
    environment = createCliEnvironment();
  });
  afterAll(() => environment.remove());

  it('run: many writes are one summary line by operation and status, not one line each', async () => {
    const script = `
      const page = (await confluence.pages.list({ limit: 1 })).results[0];
      for (const label of ["a", "b", "c", "d", "e", "f"]) await confluence.labels.add(page.id, label);
      await confluence.pages.update(page.id, { version: page.version.number + 1, title: page.title + " (edited)" });
      return "done";`;
    const outcome = await runCommand(['run', '-', '--dry-run'], {
      env: environment.env,
      input: script,
    });
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(outcome.stderr).toContain('  7 writes: 6 labels.add, 1 pages.update (7 planned)\n');
    expect(outcome.stderr).not.toMatch(/planned +labels\.add/);
    expect(outcome.stderr).toMatch(/every write: confluence-workbench runs show run_\w+/);
  });

  it('renderEnvelope: a few writes keep a line each; past five, the failed ones are listed under the summary', () => {
    const envelope = (writes: RunEnvelope['writes']): RunEnvelope =>
      ({
        runId: 'run_x',
        status: 'ok',
        result: null,
        truncated: false,
        logs: [],
        calls: { total: writes.length, reads: 0, writes: writes.length, retries: 0, failed: 0 },
        writes,
        durationMs: 1,
      }) as RunEnvelope;
    const write = (status: 'applied' | 'failed', target: string) => ({
      operation: 'labels.add',
      target,
      status,
    });
    expect(renderEnvelope(envelope([write('applied', 'p1')])).stderr).toContain(
      '  applied labels.add → p1',
    );
    const many = [1, 2, 3, 4, 5].map((n) => write('applied', `p${n}`));
    const lines = renderEnvelope(envelope([...many, write('failed', 'p6')])).stderr;
    expect(lines).toContain('  6 writes: 6 labels.add (5 applied, 1 failed)');
    expect(lines).toContain('  failed  labels.add → p6');
    expect(lines).not.toContain('  applied labels.add → p1');
  });
});
