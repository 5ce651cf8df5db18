/**
 * Interrupts and exits, with the real command as a child process and real signals: Ctrl-C or
 * SIGTERM stops a `run` or `replay` mid-way (no more writes), reports what had been applied, and
 * exits 130/143; SIGTERM to `npm start` stops the service, although npm's `sh -c` does not pass
 * the signal on (the server notices its parent is gone).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createCliEnvironment, startCommand, waitForOutput } from './cli-process.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const environment = createCliEnvironment();
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  environment.remove();
});

/** Creates pages one after another, for ever, saying so on the console. */
const ENDLESS_WRITES = `let created = 0;
for (;;) {
  await confluence.pages.create({ spaceId: "ENG", title: "Interrupted " + params.tag + " " + created + " " + Math.random(), body: { storage: "<p>x</p>" } });
  created++;
  console.log("created", created);
}`;

interface Ended {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts a command, waits for `ready` on stderr, sends `signal`, and collects the end. */
async function interrupt(args: string[], input: string, signal: NodeJS.Signals): Promise<Ended> {
  const child = startCommand(args, environment.env);
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin!.end(input);
  const ended = new Promise<number | null>((resolve) => child.once('close', resolve));
  await waitForOutput(child.stderr!, /created 3\b/);
  child.kill(signal);
  return { code: await ended, stdout, stderr };
}

function appliedWrites(stdout: string): number {
  const envelope = JSON.parse(stdout) as { writes: Array<{ status: string }> };
  return envelope.writes.filter((write) => write.status === 'applied').length;
}

describe('interrupts', { timeout: 90_000 }, () => {
  let interruptedRunId = '';

  it('run + Ctrl-C (SIGINT): the run stops, its applied writes are reported, exit 130', async () => {
    const ended = await interrupt(
      ['run', '-', '--json', '--params', '{"tag":"int"}'],
      ENDLESS_WRITES,
      'SIGINT',
    );
    expect(ended.code).toBe(130);
    const envelope = JSON.parse(ended.stdout) as {
      runId: string;
      status: string;
      error: { code: string; hint: string };
    };
    expect(envelope).toMatchObject({ status: 'error', error: { code: 'CANCELLED' } });
    expect(envelope.error.hint).not.toMatch(/undefined value/);
    const applied = appliedWrites(ended.stdout);
    expect(applied).toBeGreaterThanOrEqual(3);
    expect(ended.stderr).toMatch(
      new RegExp(`stopped by SIGINT: ${applied} write\\(s\\) had been applied`),
    );
    interruptedRunId = envelope.runId;
  });

  it('run + SIGTERM: the run stops and the command exits 143', async () => {
    const ended = await interrupt(
      ['run', '-', '--json', '--params', '{"tag":"term"}'],
      ENDLESS_WRITES,
      'SIGTERM',
    );
    expect(ended.code).toBe(143);
    expect(JSON.parse(ended.stdout)).toMatchObject({ error: { code: 'CANCELLED' } });
    expect(ended.stderr).toMatch(/stopped by SIGTERM: \d+ write\(s\) had been applied/);
  });

  it('replay --mode live + SIGTERM: the replay stops too, exit 143', async () => {
    expect(interruptedRunId).not.toBe('');
    const ended = await interrupt(
      ['replay', interruptedRunId, '--mode', 'live', '--json'],
      '',
      'SIGTERM',
    );
    expect(ended.code).toBe(143);
    expect(JSON.parse(ended.stdout)).toMatchObject({
      replayOf: interruptedRunId,
      error: { code: 'CANCELLED' },
    });
  });

  it('npm start + SIGTERM: the service stops listening (npm does not pass the signal through sh)', async () => {
    const binDir = path.join(REPO, 'node_modules', '.bin');
    const npm = spawn('npm', ['start', '--silent'], {
      cwd: REPO,
      env: {
        ...environment.env,
        WORKBENCH_PORT: '0',
        PATH: `${binDir}:${process.env['PATH'] ?? ''}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(npm);
    const output = await waitForOutput(npm.stdout!, /listening on (http:\/\/[^\s]+) /);
    const url = /listening on (http:\/\/[^\s]+) /.exec(output)![1]!;
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    npm.kill('SIGTERM');
    let listening = true;
    for (let attempt = 0; attempt < 100 && listening; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      listening = await fetch(`${url}/healthz`).then(
        () => true,
        () => false,
      );
    }
    expect(listening).toBe(false);
  });
});
