/**
 * The runs layer's figures: summarizing a large result, paging it back, storing it, and the
 * cost of a whole run through the RunService (sandbox, session, envelope, store) against the
 * embedded emulator. `npm run bench -- runs`.
 */
import { loadConfig } from '../src/config.ts';
import { resolveRunLimits } from '../src/runs/limits.ts';
import { serializeResult } from '../src/runs/outcome.ts';
import { createResultReader } from '../src/runs/result-reader.ts';
import { openRunsDatabase } from '../src/runs/store/database.ts';
import { createSqliteRunsStore } from '../src/runs/store/sqlite-runs-store.ts';
import { summarizeJson } from '../src/runs/summarize.ts';
import type { RunEnvelope } from '../src/runs/types.ts';
import { createWorkbench } from '../src/workbench.ts';
import { type BenchRow, type BenchSuite, describeSample, median, sample } from './harness.ts';

/** A v2-style page listing of about 1 MB: 1,000 pages with a ~700-character storage body each. */
function listing(): { results: unknown[]; _links: { next: string } } {
  const results = Array.from({ length: 1_000 }, (_, index) => ({
    id: String(65_536 + index),
    status: 'current',
    title: `Runbook ${index}: restarting the ingestion pipeline`,
    spaceId: '131074',
    parentId: '65537',
    authorId: '557058:7d3c4a1e-0b6f-4c1a-9e57-2f6a1d0c0001',
    createdAt: '2026-11-01T10:00:00.000Z',
    version: { number: 3, message: '', createdAt: '2026-11-02T10:00:00.000Z' },
    body: {
      storage: {
        representation: 'storage',
        value: `<p>${'Step: check the queue depth. '.repeat(24)}</p>`,
      },
    },
    _links: { webui: `/spaces/ENG/pages/${65_536 + index}` },
  }));
  return { results, _links: { next: '/wiki/api/v2/pages?cursor=abc' } };
}

const envelope = (runId: string): RunEnvelope => ({
  runId,
  status: 'ok',
  truncated: true,
  logs: [],
  calls: { total: 1, reads: 1, writes: 0, retries: 0, failed: 0 },
  writes: [],
  durationMs: 1,
});

async function resultRows(): Promise<BenchRow[]> {
  const value = listing();
  const json = JSON.stringify(value);
  const parsed = serializeResult(value)!.value;
  const summarize = await sample(() => summarizeJson(parsed, 6_000), { iterations: 50, warmup: 5 });
  const whole = await sample(() => summarizeJson(serializeResult(value)!.value, 6_000), {
    iterations: 30,
    warmup: 3,
  });
  const store = createSqliteRunsStore(openRunsDatabase(':memory:'));
  let index = 0;
  const save = await sample(
    async () => {
      index += 1;
      await store.save({
        runId: `run_${index}`,
        createdAt: Date.now(),
        mode: 'live',
        code: 'return x',
        envelope: envelope(`run_${index}`),
        logs: [],
        calls: [],
        result: { ref: `res_${index}`, json },
      });
    },
    { iterations: 30, warmup: 3 },
  );
  const reader = createResultReader(store, resolveRunLimits());
  let offset = 0;
  const page = await sample(
    async () => {
      const slice = await reader.read(`res_${index}`, { path: '$.results', offset });
      offset = slice.nextOffset ?? 0;
    },
    { iterations: 200, warmup: 5 },
  );
  const full = createSqliteRunsStore(openRunsDatabase(':memory:'));
  const small = (id: string) => ({
    runId: id,
    createdAt: Date.now(),
    mode: 'live' as const,
    code: 'return 1',
    envelope: envelope(id),
    logs: [],
    calls: [],
    result: { ref: `res_${id}`, json: '1' },
  });
  for (let count = 0; count < 1_000; count++) await full.save(small(`run_fill_${count}`));
  let next = 0;
  const atLimit = await sample(() => full.save(small(`run_more_${next++}`)), {
    iterations: 100,
    warmup: 5,
  });
  const size = `${Math.round(json.length / 1024)} KB`;
  return [
    {
      name: `summarize a ${size} listing to 6,000 chars`,
      value: median(summarize),
      unit: 'ms',
      target: { op: '<=', value: 20 },
      note: describeSample(summarize),
    },
    {
      name: `result handling of a ${size} listing (stringify + parse + summarize)`,
      value: median(whole),
      unit: 'ms',
      target: { op: '<=', value: 50 },
      note: describeSample(whole),
    },
    {
      name: `store a run with a ${size} result (SQLite, in memory)`,
      value: median(save),
      unit: 'ms',
      target: { op: '<=', value: 20 },
      note: describeSample(save),
    },
    {
      name: 'store a small run when the store is at its retention limit (1,000 runs)',
      value: median(atLimit),
      unit: 'ms',
      target: { op: '<=', value: 5 },
      note: describeSample(atLimit),
    },
    {
      name: `readResult: next page of a ${size} result`,
      value: median(page),
      unit: 'ms',
      target: { op: '<=', value: 5 },
      note: describeSample(page),
    },
  ];
}

async function runRows(): Promise<BenchRow[]> {
  const workbench = await createWorkbench(loadConfig({}), {
    runsDatabase: ':memory:',
    emulatorDatabase: ':memory:',
    sandbox: { workers: 1 },
  });
  try {
    await workbench.sandbox.ready();
    const trivial = await sample(() => workbench.runs.execute({ code: 'return 1' }), {
      iterations: 40,
      warmup: 5,
    });
    const oneCall = await sample(
      () =>
        workbench.runs.execute({ code: 'return (await confluence.spaces.list()).results.length' }),
      { iterations: 40, warmup: 5 },
    );
    return [
      {
        name: 'trivial run through RunService (`return 1`)',
        value: median(trivial),
        unit: 'ms',
        target: { op: '<=', value: 50 },
        note: describeSample(trivial),
      },
      {
        name: 'run with one SDK call against the embedded emulator',
        value: median(oneCall),
        unit: 'ms',
        target: { op: '<=', value: 60 },
        note: describeSample(oneCall),
      },
    ];
  } finally {
    await workbench.close();
  }
}

const suite: BenchSuite = {
  name: 'runs',
  async run() {
    return [...(await resultRows()), ...(await runRows())];
  },
};

export default suite;
