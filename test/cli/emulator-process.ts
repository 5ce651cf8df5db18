/**
 * Test helper: `confluence-workbench emulator --faults` as a child process on a free loopback
 * port, the environment that points the real CLI at it as a configured site, and its fault switch.
 */
import type { ChildProcess } from 'node:child_process';
import type { FaultConfigInput } from '../../src/emulator/index.ts';
import { createCliEnvironment, putFaults, startCommand, waitForOutput } from './cli-process.ts';

export interface EmulatorProcess {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** The CLI's environment: its own data dir, CONFLUENCE_* set to this site and the demo admin. */
  env: NodeJS.ProcessEnv;
  setFaults(faults: FaultConfigInput): Promise<void>;
  stop(): Promise<void>;
}

/**
 * @example
 * const site = await startEmulatorProcess();
 * await site.setFaults({ errors: { ratio: 1, status: 503, count: 2 } });
 */
export async function startEmulatorProcess(): Promise<EmulatorProcess> {
  const cli = createCliEnvironment();
  const child: ChildProcess = startCommand(
    ['emulator', '--port', '0', '--db', ':memory:', '--seed', 'demo', '--faults'],
    cli.env,
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const banner = await waitForOutput(child.stderr!, /on (http:\/\/[^\s/]+)\/wiki/, 60_000);
  const url = /on (http:\/\/[^\s/]+)\/wiki/.exec(banner)![1]!;
  return {
    url,
    env: {
      ...cli.env,
      CONFLUENCE_BASE_URL: url,
      CONFLUENCE_EMAIL: 'demo@example.com',
      CONFLUENCE_API_TOKEN: 'demo-token',
    },
    setFaults: (faults) => putFaults(url, faults),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      cli.remove();
    },
  };
}
