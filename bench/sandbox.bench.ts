/**
 * Sandbox figures (`npm run bench -- sandbox`): a cold run end to end through a worker process,
 * the host-call round trip, 50 parallel 20 ms calls, a warm type-check, throughput of the default
 * pool, and the same trivial and 50-parallel scripts on @utcp/code-mode (a published isolated-vm
 * peer, driven as shared/notes/peer-bench.md describes) with the ratios.
 */
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { CodeModeUtcpClient } from '@utcp/code-mode';
import { createSandbox } from '../sandbox/index.ts';
import { createChecker } from '../sandbox/typecheck/language-service.ts';
import { createTypeChecker } from '../sandbox/typecheck/checker-client.ts';
import type { HostFunction, RunRequest, Sandbox, SandboxSurface } from '../sandbox/types.ts';
import { type BenchRow, type BenchSuite, describeSample, median, now, sample } from './harness.ts';

const CALL_LATENCY_MS = 20;
const SEQUENTIAL_CALLS = 200;
const THROUGHPUT_RUNS = 400;
const THROUGHPUT_IN_FLIGHT = 16;

const TRIVIAL = 'return 1 + 1;';
const PARALLEL_50 =
  'const results = await Promise.all(Array.from({ length: 50 }, (_, i) => lab.echo({ i })));\nreturn results.length;';

const surface: SandboxSurface = {
  prelude: `(call) => ({ lab: { echo: (args) => call('lab.echo', args), now: (args) => call('lab.now', args) } })`,
  declarations:
    'declare const lab: {\n  echo(args: { i: number }): Promise<{ i: number }>;\n  now(args: { i: number }): Promise<{ i: number }>;\n};',
  checkedGlobals: ['lab'],
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const host: Record<string, HostFunction> = {
  'lab.echo': async (args) => (await sleep(CALL_LATENCY_MS), args),
  'lab.now': async (args) => args,
};

/** A 50-line script a model might write: types, a loop, helpers, several SDK calls. */
function fiftyLineScript(salt: number): string {
  const lines = ['interface Row { i: number; label: string }', 'const rows: Row[] = [];'];
  for (let index = 0; lines.length < 46; index++) {
    lines.push(`const r${index} = await lab.now({ i: ${index} });`);
    lines.push(`rows.push({ i: r${index}.i, label: \`row \${r${index}.i}\` });`);
  }
  lines.push('const total = rows.reduce((sum, row) => sum + row.i, 0);');
  lines.push('console.log(`rows: ${rows.length}`);');
  lines.push(`return { total, salt: ${salt} };`);
  return lines.join('\n');
}

async function runOk(sandbox: Sandbox, request: RunRequest): Promise<void> {
  const result = await sandbox.run(request);
  if (!result.ok) throw new Error(`bench run failed: ${JSON.stringify(result.error)}`);
}

async function sandboxRows(): Promise<{ rows: BenchRow[]; trivialMs: number; parallelMs: number }> {
  const sandbox = createSandbox({ surface });
  await sandbox.ready();
  try {
    const cold = await sample(() => runOk(sandbox, { code: TRIVIAL, host }), {
      iterations: 200,
      warmup: 30,
    });
    let salt = 0;
    const distinct = await sample(() => runOk(sandbox, { code: `return 1 + ${salt++};`, host }), {
      iterations: 200,
      warmup: 30,
    });
    const noCheck = await sample(
      () => runOk(sandbox, { code: TRIVIAL, host, skipTypecheck: true }),
      { iterations: 200, warmup: 20 },
    );
    const sequential = (count: number) =>
      `for (let i = 0; i < ${count}; i++) await lab.now({ i });\nreturn ${count};`;
    const zero = await sample(
      () => runOk(sandbox, { code: sequential(0), host, skipTypecheck: true }),
      { iterations: 40 },
    );
    const many = await sample(
      () => runOk(sandbox, { code: sequential(SEQUENTIAL_CALLS), host, skipTypecheck: true }),
      { iterations: 40 },
    );
    const perCallUs = ((median(many) - median(zero)) / SEQUENTIAL_CALLS) * 1000;
    const parallel = await sample(() => runOk(sandbox, { code: PARALLEL_50, host }), {
      iterations: 40,
      warmup: 5,
    });
    const throughput = await runsPerSecond(sandbox);
    return {
      trivialMs: median(cold),
      parallelMs: median(parallel),
      rows: [
        {
          name: 'cold run of a trivial script, end to end (fresh isolate in a worker; the same code each time, so its type-check comes from the cache)',
          value: median(cold),
          unit: 'ms',
          target: { op: '<=', value: 5 },
          note: describeSample(cold),
        },
        {
          name: 'the same with a different script each run (type-checked each time, beside the run)',
          value: median(distinct),
          unit: 'ms',
          target: { op: '<=', value: 5 },
          note: describeSample(distinct),
        },
        {
          name: 'the same without the type-check',
          value: median(noCheck),
          unit: 'ms',
          note: describeSample(noCheck),
        },
        {
          name: 'host call round trip (isolate → worker → parent → back), sequential',
          value: perCallUs,
          unit: 'µs',
          target: { op: '<=', value: 150 },
          note: `(median of ${SEQUENTIAL_CALLS} calls − median of 0) / ${SEQUENTIAL_CALLS}`,
        },
        {
          name: `50 parallel host calls of ${CALL_LATENCY_MS} ms, whole run`,
          value: median(parallel),
          unit: 'ms',
          target: { op: '<=', value: 40 },
          note: describeSample(parallel),
        },
        {
          name: `runs per second, default pool (${THROUGHPUT_IN_FLIGHT} in flight, trivial script, type-checked)`,
          value: throughput,
          unit: 'runs/s',
          note: `${THROUGHPUT_RUNS} runs`,
        },
      ],
    };
  } finally {
    await sandbox.close();
  }
}

async function runsPerSecond(sandbox: Sandbox): Promise<number> {
  let started = 0;
  const start = now();
  const lane = async () => {
    while (started < THROUGHPUT_RUNS) {
      started++;
      await runOk(sandbox, { code: `return ${started};`, host });
    }
  };
  await Promise.all(Array.from({ length: THROUGHPUT_IN_FLIGHT }, lane));
  return THROUGHPUT_RUNS / ((now() - start) / 1000);
}

async function typecheckRows(): Promise<BenchRow[]> {
  const checker = createTypeChecker(surface);
  await checker.ready();
  let salt = 0;
  try {
    const threaded = await sample(() => checker.check(fiftyLineScript(salt++)), {
      iterations: 100,
      warmup: 30,
    });
    const direct = createChecker({
      globals: readFileSync(new URL('../sdk-stubs/globals.d.ts', import.meta.url), 'utf8'),
      declarations: surface.declarations,
      checkedGlobals: surface.checkedGlobals,
    });
    const inProcess = await sample(() => direct(fiftyLineScript(salt++)), {
      iterations: 100,
      warmup: 30,
    });
    const real = await realSdkCheck();
    return [
      {
        name: 'warm type-check of a 50-line script (worker thread, as used)',
        value: median(threaded),
        unit: 'ms',
        target: { op: '<=', value: 25 },
        note: describeSample(threaded),
      },
      {
        name: 'the same check on the calling thread (for comparison: the thread hop costs the difference)',
        value: median(inProcess),
        unit: 'ms',
        note: describeSample(inProcess),
      },
      ...real,
    ];
  } finally {
    await checker.close();
  }
}

/** The same against the SDK's generated declarations (sdk-stubs/confluence.d.ts), if present. */
async function realSdkCheck(): Promise<BenchRow[]> {
  const file = new URL('../sdk-stubs/confluence.d.ts', import.meta.url);
  if (!existsSync(file)) return [];
  const declarations = readFileSync(file, 'utf8');
  const checker = createTypeChecker({ prelude: '', declarations, checkedGlobals: ['confluence'] });
  await checker.ready();
  let salt = 0;
  const script = () =>
    fiftyLineScript(salt++).replaceAll(
      /await lab\.now\(\{ i: (\d+) \}\)/g,
      'await confluence.pages.get("$1").then((page) => ({ i: page.title.length }))',
    );
  try {
    const times = await sample(() => checker.check(script()), { iterations: 100, warmup: 30 });
    return [
      {
        name: `the same 50 lines against the real SDK declarations (sdk-stubs/confluence.d.ts, ${Math.round(declarations.length / 1024)} KB)`,
        value: median(times),
        unit: 'ms',
        target: { op: '<=', value: 25 },
        note: describeSample(times),
      },
    ];
  } finally {
    await checker.close();
  }
}

async function peerRows(ours: { trivialMs: number; parallelMs: number }): Promise<BenchRow[]> {
  const client = await CodeModeUtcpClient.create();
  const tool = {
    name: 'lab.echo',
    description: 'echo after 20 ms',
    inputs: { type: 'object', properties: { i: { type: 'number' } } },
    outputs: { type: 'object', properties: { i: { type: 'number' } } },
    tags: [],
    tool_call_template: { call_template_type: 'text', name: 'lab' },
  };
  const peer = client as unknown as Record<string, unknown> & {
    config: { tool_repository: Record<string, unknown> };
  };
  peer['getTools'] = async () => [tool];
  peer.config.tool_repository['getTools'] = async () => [tool];
  peer['callTool'] = async (_name: string, args: unknown) => (await sleep(CALL_LATENCY_MS), args);
  const call = async (code: string, expected: unknown) => {
    const { result, logs } = await client.callToolChain(code, 30_000, 128);
    if (result !== expected)
      throw new Error(`code-mode returned ${JSON.stringify(result)}: ${logs.join(' ')}`);
  };
  const trivial = await sample(() => call(TRIVIAL, 2), { iterations: 200, warmup: 30 });
  const parallel = await sample(() => call(PARALLEL_50, 50), { iterations: 5, warmup: 1 });
  return [
    {
      name: '@utcp/code-mode: the same trivial script (in-process, no worker, no compile, no type-check)',
      value: median(trivial),
      unit: 'ms',
      note: describeSample(trivial),
    },
    {
      name: '@utcp/code-mode: the same 50 parallel calls (its bridge blocks on each call)',
      value: median(parallel),
      unit: 'ms',
      note: describeSample(parallel),
    },
    {
      name: 'ratio trivial script: ours / code-mode',
      value: ours.trivialMs / median(trivial),
      unit: '×',
    },
    {
      name: 'ratio 50 parallel calls: code-mode / ours (how many times faster we are)',
      value: median(parallel) / ours.parallelMs,
      unit: '×',
    },
  ];
}

const suite: BenchSuite = {
  name: 'sandbox',
  async run() {
    const loadBefore = loadavg()[0]!;
    const ours = await sandboxRows();
    const rows = [...ours.rows, ...(await typecheckRows()), ...(await peerRows(ours))];
    // The machine is shared: the load says how much the figures above were disturbed.
    const note = `1-min load average ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after, on ${availableParallelism()} cores`;
    return [
      ...rows,
      { name: 'machine load during the suite', value: loadavg()[0]!, unit: 'load', note },
    ];
  },
};

export default suite;
