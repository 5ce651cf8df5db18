/** /healthz, /metrics in Prometheus text format, and the structured log lines of a run. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScriptedRuns } from './helpers/scripted-runs.ts';
import {
  callTool,
  connectLegacy,
  startTestService,
  type TestService,
} from './helpers/test-service.ts';

const SECRET_IN_SCRIPT = 'const token = "do-not-log-me"';
let service: TestService;
const runs = new ScriptedRuns((input) =>
  input.code.includes('fail')
    ? {
        error: { phase: 'timeout', code: 'WALL_TIME_LIMIT', message: 'limit 30000 ms reached' },
        calls: { total: 1, reads: 1, writes: 0, retries: 0, failed: 1 },
      }
    : { result: 1, calls: { total: 5, reads: 3, writes: 2, retries: 2, failed: 0 } },
);

beforeAll(async () => {
  service = await startTestService({ runs, logLevel: 'info' });
  for (const code of [`${SECRET_IN_SCRIPT}; return 1`, 'fail']) {
    await fetch(`${service.url}/v1/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
  }
});
afterAll(() => service.close());

describe('observability', () => {
  it('GET /healthz: ok, with the admission state', async () => {
    const body = await (await fetch(`${service.url}/healthz`)).json();
    expect(body).toMatchObject({ status: 'ok', runs: { running: 0, queued: 0, maxConcurrent: 4 } });
  });

  it('GET /metrics: runs by status and phase, durations, Confluence calls and retries', async () => {
    const response = await fetch(`${service.url}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain('workbench_runs_total{status="ok",phase="none",source="rest"} 1');
    expect(text).toContain('workbench_runs_total{status="error",phase="timeout",source="rest"} 1');
    expect(text).toMatch(/workbench_run_duration_seconds_count\{status="ok",source="rest"\} 1/);
    expect(text).toContain('workbench_confluence_calls_total{kind="read"} 4');
    expect(text).toContain('workbench_confluence_calls_total{kind="write"} 2');
    expect(text).toContain('workbench_confluence_retries_total 2');
    expect(text).toContain('workbench_confluence_call_failures_total 1');
    expect(text).toContain('workbench_runs_in_flight 0');
    expect(text).toMatch(
      /workbench_http_request_duration_seconds_count\{method="POST",route="\/v1\/runs",status="200"\} 2/,
    );
    expect(text).toContain('workbench_process_resident_memory_bytes');
  });

  it('logs: one JSON line per finished run with its run id, status and phase', () => {
    const finished = service.logs.filter((line) => line['msg'] === 'run finished');
    expect(finished).toHaveLength(2);
    expect(finished[0]).toMatchObject({
      runId: expect.stringMatching(/^r_/),
      status: 'ok',
      source: 'rest',
      requestId: expect.any(String),
    });
    expect(finished[1]).toMatchObject({
      status: 'error',
      phase: 'timeout',
      errorCode: 'WALL_TIME_LIMIT',
    });
  });

  it('logs: the HTTP line of a request that ran a script names the run, over REST and MCP', async () => {
    const client = await connectLegacy(service.mcpUrl);
    await callTool(client, 'run_code', { code: 'return 3' });
    await client.close();
    const finished = service.logs
      .filter((line) => line['msg'] === 'run finished')
      .map((line) => line['runId']);
    const requests = service.logs.filter(
      (line) => line['msg'] === 'http request' && line['runId'] !== undefined,
    );
    expect(requests.map((line) => line['runId']).sort()).toEqual([...finished].sort());
    expect(requests.map((line) => line['path'])).toEqual(['/v1/runs', '/v1/runs', '/mcp']);
  });

  it('logs: a client error (an unknown run id) is a warn/info line without a stack', async () => {
    const replay = await fetch(`${service.url}/v1/runs/run_unknown/replay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'recorded' }),
    });
    expect(replay.status).toBe(404);
    expect((await fetch(`${service.url}/v1/runs/run_unknown`)).status).toBe(404);
    const refused = service.logs.filter((line) => line['replayOf'] === 'run_unknown');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ msg: 'run refused', errorCode: 'RUN_NOT_FOUND' });
    const requests = service.logs.filter(
      (line) => typeof line['path'] === 'string' && String(line['path']).includes('run_unknown'),
    );
    expect(requests).toHaveLength(2);
    for (const line of [...refused, ...requests]) {
      expect(line['level'], JSON.stringify(line)).toBeLessThan(50); // below pino's error (50)
      expect(JSON.stringify(line)).not.toContain('"stack"');
    }
  });

  it('logs: at info, no script body and no Authorization header', () => {
    const all = JSON.stringify(service.logs);
    expect(all).not.toContain('do-not-log-me');
    expect(all.toLowerCase()).not.toContain('authorization');
  });
});
