/**
 * `confluence-workbench doctor` through the real command against the emulator as a separate
 * process over HTTP: a right and a wrong token, a site where nothing listens, and no site at all.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../src/cli/doctor/checks.ts';
import { createCliEnvironment, runCommand } from './cli-process.ts';
import { type EmulatorProcess, startEmulatorProcess } from './emulator-process.ts';

/** A loopback port nothing listens on: one the system gave out, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('confluence-workbench doctor', { timeout: 180_000 }, () => {
  let site: EmulatorProcess;
  beforeAll(async () => {
    site = await startEmulatorProcess();
  }, 120_000);
  afterAll(() => site?.stop());

  const doctor = (env: NodeJS.ProcessEnv, args: string[] = []) =>
    runCommand(['doctor', ...args], { env });

  it('doctor: a right token passes every check, one line each, exit 0', async () => {
    const outcome = await doctor({ ...site.env, WORKBENCH_ALLOWED_SPACES: 'ENG' });
    expect(outcome.code, outcome.stdout + outcome.stderr).toBe(0);
    const lines = outcome.stdout.trim().split('\n');
    expect(lines[0]).toBe(`Confluence site ${site.url}`);
    expect(lines.slice(1)).toEqual([
      `✓ ${site.url} answers`,
      expect.stringMatching(/^✓ signed in as Demo Admin \(account [\w:-]+\)$/),
      expect.stringMatching(/^✓ sees 3 spaces: (ENG|HR|MKT), (ENG|HR|MKT), (ENG|HR|MKT)$/),
      expect.stringMatching(/^✓ (rate-limit headers: |no rate-limit headers came)/),
      '✓ policy: reads and writes · spaces ENG · every operation · at most 500 writes a run',
      expect.stringMatching(/^✓ data dir .+ \(SQLite\) is writable$/),
    ]);
    expect(outcome.stdout).not.toContain('demo-token');
  });

  it('doctor --json: the same checks as data; a refused token is a ✗ naming the variables, never the token', async () => {
    const env = { ...site.env, CONFLUENCE_API_TOKEN: 'wrong-token-1234' };
    const outcome = await doctor(env, ['--json']);
    expect(outcome.code).toBe(1);
    const report = JSON.parse(outcome.stdout) as DoctorReport;
    expect(report).toMatchObject({ ok: false, target: { kind: 'site', url: site.url } });
    expect(report.checks.slice(0, 2)).toEqual([
      { name: 'site', ok: true, message: `${site.url} answers` },
      {
        name: 'user',
        ok: false,
        message: 'Confluence answered 401: the credential was not accepted',
        fix: expect.stringContaining('check CONFLUENCE_EMAIL and CONFLUENCE_API_TOKEN'),
      },
    ]);
    const text = await doctor(env);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('✗ Confluence answered 401');
    for (const output of [outcome.stdout, outcome.stderr, text.stdout, text.stderr])
      expect(output).not.toContain('wrong-token-1234');
  });

  it('doctor: nothing listening is a ✗ saying the site does not answer and what to check, exit 1', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const outcome = await doctor({ ...site.env, CONFLUENCE_BASE_URL: url });
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toContain(`✗ ${url} does not answer`);
    expect(outcome.stdout).toContain('fix: check CONFLUENCE_BASE_URL');
  });

  it('doctor: with no site it checks the embedded emulator and says so', async () => {
    const environment = createCliEnvironment();
    try {
      const outcome = await doctor(environment.env);
      expect(outcome.code, outcome.stdout + outcome.stderr).toBe(0);
      expect(outcome.stdout).toContain('no site configured: checking the embedded emulator');
      expect(outcome.stdout).toContain('✓ signed in as Demo Admin');
    } finally {
      environment.remove();
    }
  });
});
