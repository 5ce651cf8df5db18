/**
 * What a 300 MB Confluence answer costs the service: `serve` is started for real against a
 * loopback "site" whose every answer is a 300 MB JSON page, streamed with backpressure; one run
 * reads the page; the service's peak resident memory (VmHWM in /proc/<pid>/status, Linux) is read
 * before and after. Set WIRE_BENCH_ROOT to another checkout to measure its `serve` instead (the
 * figure before the streamed cap: 1-2 GB).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow, BenchSuite } from './harness.ts';

const MiB = 1024 * 1024;
const ANSWER_BYTES = 300 * MiB;
const here = path.dirname(fileURLToPath(import.meta.url));

/** Peak and current resident memory of a process, in MiB. */
function memoryOf(pid: number): { peak: number; now: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) =>
    Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)![1]) / 1024;
  return { peak: field('VmHWM'), now: field('VmRSS') };
}

async function hugeSite(): Promise<{ url: string; sent: () => number; close(): void }> {
  let sent = 0;
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    const head =
      '{"id":"1","status":"current","title":"big","spaceId":"1","version":{"number":1},"body":{"storage":{"representation":"storage","value":"';
    response.write(head);
    const chunk = Buffer.alloc(256 * 1024, 'x');
    let left = ANSWER_BYTES - head.length - 4;
    const pump = () => {
      while (left > 0 && !response.destroyed) {
        const piece = chunk.subarray(0, Math.min(chunk.length, left));
        left -= piece.length;
        sent += piece.length;
        if (!response.write(piece)) return void response.once('drain', pump);
      }
      if (!response.destroyed) response.end('"}}}');
    };
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sent: () => sent,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

async function startService(root: string, siteUrl: string, dataDir: string) {
  const child = spawn(
    process.execPath,
    [path.join(root, 'bin/confluence-workbench.js'), 'serve', '--port', '0'],
    {
      cwd: root,
      env: {
        PATH: process.env['PATH'] ?? '',
        WORKBENCH_DATA_DIR: dataDir,
        CONFLUENCE_BASE_URL: siteUrl,
        CONFLUENCE_EMAIL: 'bench@example.com',
        CONFLUENCE_API_TOKEN: 'bench-token-not-secret',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let output = '';
  child.stdout.setEncoding('utf8');
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (text: string) => {
      output += text;
      const line = output.split('\n').find((candidate) => candidate.includes('"url"'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
  return { child, url };
}

const suite: BenchSuite = {
  name: 'wire',
  async run(): Promise<BenchRow[]> {
    if (process.platform !== 'linux') return [];
    const root = process.env['WIRE_BENCH_ROOT'] ?? path.resolve(here, '..');
    const dataDir = mkdtempSync(path.join(tmpdir(), 'wire-bench-'));
    const site = await hugeSite();
    const service = await startService(root, site.url, dataDir);
    try {
      const pid = service.child.pid!;
      const run = (code: string) =>
        fetch(`${service.url}/v1/runs`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code }),
        });
      // Warm up first (the type checker loads on the first run), so the growth is the answer's.
      await (await run(`const page: { n: number } = { n: 1 }; return page.n;`)).json();
      const before = memoryOf(pid);
      const response = await run(
        `try { const page = await confluence.pages.get('1', { bodyFormat: 'storage' }); return page.title; } catch (error) { return error.code + ': ' + error.message; }`,
      );
      const envelope = (await response.json()) as {
        status: string;
        result?: unknown;
        error?: { message: string };
      };
      const after = memoryOf(pid);
      const outcome = String(envelope.result ?? envelope.error?.message ?? envelope.status).slice(
        0,
        100,
      );
      return [
        {
          name: 'service peak RSS before the answer (after a warm-up run)',
          value: before.peak,
          unit: 'MiB',
          note: root,
        },
        {
          name: `service peak RSS after one ${ANSWER_BYTES / MiB} MiB answer`,
          value: after.peak,
          unit: 'MiB',
          target: { op: '<=', value: before.peak + 200 },
          note: `site sent ${Math.round(site.sent() / MiB)} MiB; run: ${outcome}`,
        },
        {
          name: 'peak RSS growth',
          value: after.peak - before.peak,
          unit: 'MiB',
          target: { op: '<=', value: 200 },
        },
      ];
    } finally {
      service.child.kill('SIGTERM');
      site.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

export default suite;
