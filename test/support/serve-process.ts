/**
 * `confluence-workbench serve --port 0` as a real child process: started, its URL read from the
 * announcement line of its log (JSON lines on stdout when piped), stopped with a signal. The e2e suites and the
 * benchmarks start instances with it (one per process, several on one database).
 *
 * @example
 * const a = await startServeProcess({ ...env, WORKBENCH_DATABASE_URL: url });
 * await fetch(`${a.url}/healthz`);
 * await a.stop();
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/confluence-workbench.js', import.meta.url));

export interface ServeProcess {
  child: ChildProcess;
  /** `http://127.0.0.1:PORT` */
  url: string;
  pid: number;
  /** The last 200 kB of what it wrote (its log on stdout, then stderr). */
  log(): string;
  /** Resolves with the exit code once the process is gone. */
  exited: Promise<number | null>;
  /** SIGTERM (a clean stop: jobs pause), then the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: nothing runs after it. */
  kill(): Promise<number | null>;
}

/**
 * Starts `serve --port 0` with exactly `env`; rejects if it exits, or does not announce its URL
 * within `timeoutMs` (the announcement is an `info` line: WORKBENCH_LOG_LEVEL must let it through).
 */
export async function startServeProcess(
  env: NodeJS.ProcessEnv,
  timeoutMs = 60_000,
): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin!.end();
  let log = '';
  const keep = (chunk: Buffer) => {
    // The tail only: a long job's log must not grow without bound in the test process.
    log = (log + chunk.toString()).slice(-200_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start within ${timeoutMs} ms: ${log}`));
    }, timeoutMs);
    const announced = () => {
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(log);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', announced);
      resolve(match[1]!);
    };
    child.stdout!.on('data', announced);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${log}`));
    });
  });
  const signal = (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    return exited;
  };
  return {
    child,
    url,
    pid: child.pid!,
    log: () => log,
    exited,
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
  };
}
