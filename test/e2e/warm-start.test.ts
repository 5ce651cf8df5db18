/**
 * Warm start: `serve` (startServer) and `mcp` (stdio) warm the type-checker and the sandbox
 * workers before they say they are ready, so an agent's first run_code does not pay for it
 * (about 1 s cold). Checked by state and log order, never by timing.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startRealService } from './helpers/real-service.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'workbench-warm-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('warm start', () => {
  it('startServer: the service listens only once the sandbox is warm', async () => {
    const service = await startRealService();
    try {
      expect(service.workbench.sandbox.isWarm()).toBe(true);
      const response = await fetch(`${service.url}/healthz`);
      expect(response.status).toBe(200);
    } finally {
      await service.close();
    }
  }, 120_000);

  it('confluence-workbench mcp: logs "sandbox warm" before "mcp stdio server ready"', async () => {
    const child = spawn(process.execPath, [path.join(root, 'bin/confluence-workbench.js'), 'mcp'], {
      cwd: root,
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: process.env['HOME'] ?? dataDir,
        WORKBENCH_DATA_DIR: dataDir,
        WORKBENCH_LOG_LEVEL: 'info',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    const ready = new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
        if (stderr.includes('mcp stdio server ready')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    try {
      await ready;
      const messages = stderr
        .split('\n')
        .filter((line) => line.trim().startsWith('{'))
        .map((line) => (JSON.parse(line) as { msg: string }).msg);
      const warm = messages.indexOf('sandbox warm');
      expect(warm, stderr).toBeGreaterThanOrEqual(0);
      expect(warm).toBeLessThan(messages.indexOf('mcp stdio server ready'));
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin.end();
      await exited;
    }
  }, 120_000);
});
