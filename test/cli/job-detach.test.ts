/**
 * `job start --detach` as a user runs it (the real command, a child process) against the real
 * service on loopback: the job is handed over REST, `job <id>` printed, and it runs in the
 * service; the service is found from WORKBENCH_PORT or --server, with the first of
 * WORKBENCH_API_KEYS; nothing listening, a refused key or a refused job exit 2 with what to do.
 */
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobStatus } from '../../src/jobs/types.ts';
import { serviceUrl } from '../../src/cli/commands/job-detach.ts';
import { createPagesScript, RELABEL_SCRIPT } from '../e2e/helpers/job-scripts.ts';
import { startRealService, type RealService } from '../e2e/helpers/real-service.ts';
import { createCliEnvironment, runCommand } from './cli-process.ts';

const KEY = 'k-detach';
let service: RealService;
let environment: ReturnType<typeof createCliEnvironment>;
let script: string;
let itemsFile: string;

beforeAll(async () => {
  service = await startRealService({ env: { WORKBENCH_API_KEYS: `${KEY},k-other` } });
  environment = createCliEnvironment();
  const created = await fetch(`${service.url}/v1/runs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
    body: JSON.stringify({ code: createPagesScript(3, 'Detached') }),
  });
  const ids = ((await created.json()) as { result: string[] }).result;
  script = path.join(environment.dataDir, 'relabel.job.ts');
  writeFileSync(script, RELABEL_SCRIPT);
  itemsFile = path.join(environment.dataDir, 'items.jsonl');
  writeFileSync(itemsFile, ids.map((id) => JSON.stringify({ id })).join('\n') + '\n');
}, 60_000);
afterAll(async () => {
  await service?.close();
  environment?.remove();
});

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...environment.env, ...extra };
}

async function jobStatus(jobId: string): Promise<JobStatus> {
  const response = await fetch(`${service.url}/v1/jobs/${jobId}`, {
    headers: { authorization: `Bearer ${KEY}` },
  });
  return (await response.json()) as JobStatus;
}

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('job start --detach', () => {
  it('job start --detach: finds the service from WORKBENCH_PORT, prints `job <id>`, and the job runs there', async () => {
    const port = new URL(service.url).port;
    const outcome = await runCommand(
      [
        'job',
        'start',
        script,
        '--detach',
        '--items',
        itemsFile,
        '--params',
        '{"label":"detached"}',
        '--id',
        'detached-1',
        '--concurrency',
        '2',
      ],
      { env: env({ WORKBENCH_PORT: port, WORKBENCH_API_KEYS: KEY }) },
    );
    expect(outcome.stderr).toContain('runs in the service at');
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toBe('job detached-1\n');
    let status = await jobStatus('detached-1');
    for (let attempt = 0; status.state !== 'done' && attempt < 200; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = await jobStatus('detached-1');
    }
    expect(status).toMatchObject({
      state: 'done',
      counts: { total: 3, done: 3 },
      file: 'relabel.job.ts',
    });
  }, 60_000);

  it('job start --detach --server URL --json: stdout is the status document only', async () => {
    const outcome = await runCommand(
      ['job', 'start', '-', '--detach', '--server', `${service.url}/`, '--json', '--dry-run'],
      {
        env: env({ WORKBENCH_API_KEYS: KEY }),
        input: RELABEL_SCRIPT.replace(
          'export default',
          'export async function* items() { yield { id: "65537" }; }\nexport default',
        ),
      },
    );
    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(0);
    const status = JSON.parse(outcome.stdout) as JobStatus;
    expect(status.jobId).toMatch(/\S/);
    expect((await jobStatus(status.jobId)).dryRun).toBe(true);
  }, 60_000);

  it('job start --detach: nothing listening, a refused key, a refused job and a bad --server exit 2 saying what to do', async () => {
    const nobody = await runCommand(['job', 'start', script, '--detach', '--items', itemsFile], {
      env: env({ WORKBENCH_PORT: String(await closedPort()) }),
    });
    expect(nobody.code).toBe(2);
    expect(nobody.stderr).toMatch(
      /no workbench service answers at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\): start one with `confluence-workbench serve`/,
    );

    const wrongKey = await runCommand(
      ['job', 'start', script, '--detach', '--server', service.url],
      {
        env: env({ WORKBENCH_API_KEYS: 'not-a-key' }),
      },
    );
    expect(wrongKey.code).toBe(2);
    expect(wrongKey.stderr).toContain('refused the key');

    const taken = await runCommand(
      [
        'job',
        'start',
        script,
        '--detach',
        '--server',
        service.url,
        '--items',
        itemsFile,
        '--id',
        'detached-1',
      ],
      {
        env: env({ WORKBENCH_API_KEYS: KEY }),
      },
    );
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain('the service refused the job');
    expect(taken.stderr).toContain('detached-1');

    const badServer = await runCommand(
      ['job', 'start', script, '--detach', '--server', 'ftp://x'],
      { env: env({}) },
    );
    expect(badServer.code).toBe(2);
    expect(badServer.stderr).toContain('--server must be an http(s) URL');
    const serverAlone = await runCommand(['job', 'start', script, '--server', service.url], {
      env: env({}),
    });
    expect(serverAlone.code).toBe(2);
    expect(serverAlone.stderr).toContain('--server goes with --detach');
    expect(nobody.stdout + wrongKey.stdout + taken.stdout).toBe('');
  }, 60_000);

  it('serviceUrl: the flag wins; else the serve address, a wildcard read as loopback', () => {
    expect(serviceUrl(undefined, { host: '127.0.0.1', port: 8787 })).toBe('http://127.0.0.1:8787');
    expect(serviceUrl(undefined, { host: '0.0.0.0', port: 9000 })).toBe('http://127.0.0.1:9000');
    expect(serviceUrl(undefined, { host: '::1', port: 9000 })).toBe('http://[::1]:9000');
    expect(serviceUrl('https://wb.example.com/base/', { host: 'x', port: 1 })).toBe(
      'https://wb.example.com/base',
    );
  });
});
