/**
 * CI step: the official MCP conformance suite against the real service, started here.
 *
 * Starts `confluence-workbench serve` (the CLI, as `npm start` does) on a free loopback port with
 * no API keys (the suite has no header or auth flag: shared/notes/mcp.md §4.2) and a throwaway
 * data directory, waits for /healthz, then runs:
 *   - @modelcontextprotocol/conformance 0.1.16, the suite for 2025-11-25 (what Kimi Code speaks);
 *   - 0.2.0-alpha.12 with `--requirements 2026-07-28` (the scenarios that revision requires);
 * each against its committed expected-failures baseline beside this file. The suite itself fails
 * the run on an unexpected failure or a stale baseline entry. Exits non-zero if either run does.
 *
 * Usage: node .ci/conformance/run.ts
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const READY_TIMEOUT_MS = 60_000;

const SUITES = [
  {
    name: 'MCP conformance 0.1.16 (2025-11-25)',
    cli: 'node_modules/@modelcontextprotocol/conformance/dist/index.js',
    args: [],
    baseline: 'baseline-2025-11-25.yml',
  },
  {
    name: 'MCP conformance 0.2.0-alpha.12 (requirements 2026-07-28)',
    cli: 'node_modules/mcp-conformance-2026/dist/index.js',
    args: ['--requirements', '2026-07-28'],
    baseline: 'baseline-2026-07-28.yml',
  },
];

const port = await freePort();
const url = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(path.join(tmpdir(), 'workbench-conformance-'));
const env = { ...process.env, WORKBENCH_DATA_DIR: dataDir, WORKBENCH_LOG_LEVEL: 'warn' };
delete env['WORKBENCH_API_KEYS'];
const server = spawn(
  process.execPath,
  ['bin/confluence-workbench.js', 'serve', '--host', '127.0.0.1', '--port', String(port)],
  {
    cwd: root,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  },
);

let failedSuites = 0; // suites with an unexpected failure or a stale baseline entry
try {
  await waitForHealth(server);
  for (const suite of SUITES) {
    console.log(`\n=== ${suite.name} against ${url}/mcp`);
    const outputDir = path.join(dataDir, 'results', path.basename(suite.baseline, '.yml'));
    const code = await run(process.execPath, [
      suite.cli,
      'server',
      '--url',
      `${url}/mcp`,
      ...suite.args,
      '--expected-failures',
      path.join(here, suite.baseline),
      '-o',
      outputDir,
    ]);
    console.log(
      `=== ${suite.name}: ${code === 0 ? 'passed (all failures are in the baseline)' : `FAILED (exit ${code})`}`,
    );
    if (code !== 0) failedSuites += 1;
  }
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) =>
    server.exitCode === null ? server.once('exit', resolve) : resolve(undefined),
  );
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(`\nconformance: ${SUITES.length - failedSuites} passed, ${failedSuites} failed`);
process.exit(failedSuites > 0 ? 1 : 0);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitForHealth(child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the service exited with code ${child.exitCode} before it was ready`);
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the service did not answer ${url}/healthz within ${READY_TIMEOUT_MS} ms`);
}

/**
 * Runs one suite, passing its output through. The suite's own "Total: N passed, M failed" counts
 * the baselined (not applicable) checks as failures; CI reads such a line as a test verdict, so it
 * is reworded here, and this script ends with one verdict line of its own.
 */
function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let pending = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) process.stdout.write(`${reword(line)}\n`);
    });
    child.once('error', reject);
    child.once('close', (code) => {
      if (pending) process.stdout.write(`${reword(pending)}\n`);
      resolve(code ?? 1);
    });
  });
}

function reword(line: string): string {
  return line.replace(
    /^Total: (\d+) passed, (\d+) failed$/,
    'All checks, baseline not applied: $1 succeeded, $2 did not (see the baseline verdict below)',
  );
}
