/**
 * The MCP tools over real Streamable HTTP on loopback, driven by both real clients: the SDK v2
 * client on 2026-07-28 and the SDK 1.x client on 2025-11-25.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScriptedRuns } from './helpers/scripted-runs.ts';
import {
  callTool,
  connectLegacy,
  connectModern,
  startTestService,
  type TestService,
} from './helpers/test-service.ts';

type AnyClient =
  Awaited<ReturnType<typeof connectModern>> | Awaited<ReturnType<typeof connectLegacy>>;

const runs = new ScriptedRuns((input) => {
  if (input.code.includes('CUT')) {
    return { result: ['first'], truncated: true, resultRef: 'res_cut' };
  }
  if (input.code.includes('PLAN')) {
    return {
      mode: 'dry-run',
      writes: [{ operation: 'pages.create', target: 'space MKT', status: 'planned' }],
    };
  }
  if (input.code.includes('FAIL')) {
    return {
      error: {
        phase: 'typecheck',
        code: 'TYPE_ERROR',
        message: "Property 'gett' does not exist on type 'Pages'.",
        line: 3,
        column: 28,
        hint: "Did you mean 'get'?",
      },
    };
  }
  return {
    result: { echoed: input.params ?? null, dryRun: input.dryRun ?? false },
    calls: { total: 2, reads: 1, writes: 1, retries: 0, failed: 0 },
    writes: [{ operation: 'labels.add', target: 'page 42', status: 'applied' }],
  };
});
let service: TestService;

beforeAll(async () => {
  service = await startTestService({
    runs,
    describeSdk: (request) => ({
      text: `declare function get(): void; // for ${JSON.stringify(request)}`,
    }),
  });
  runs.storeResult(
    'res_big',
    Array.from({ length: 25 }, (_, index) => ({ index })),
  );
});
afterAll(() => service.close());

const eras = [
  {
    era: 'modern (2026-07-28, SDK v2 client)',
    version: '2026-07-28',
    connect: () => connectModern(service.mcpUrl),
  },
  {
    era: 'legacy (2025-11-25, SDK 1.x client)',
    version: '2025-11-25',
    connect: () => connectLegacy(service.mcpUrl),
  },
];

describe.each(eras)('MCP over HTTP, $era', ({ connect, version }) => {
  let client: AnyClient;
  beforeAll(async () => {
    client = await connect();
  });
  afterAll(() => client.close());

  const call = (name: string, args: Record<string, unknown>) => callTool(client, name, args);

  it('connect: negotiates the revision this client speaks', () => {
    const negotiated =
      'getNegotiatedProtocolVersion' in client
        ? client.getNegotiatedProtocolVersion()
        : (client.transport as { protocolVersion?: string } | undefined)?.protocolVersion;
    expect(negotiated).toBe(version);
    expect(client.getServerVersion()?.name).toBe('confluence-workbench');
  });

  it('tools/list: lists run_code, describe_sdk and read_result with schemas', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      'describe_sdk',
      'read_result',
      'run_code',
    ]);
    const runCode = tools.find((tool) => tool.name === 'run_code')!;
    expect(runCode.description).toContain('labels: add(pageId, names)');
    expect(runCode.description).toContain('describe_sdk');
    expect(runCode.inputSchema.required).toEqual(['code']);
    // Sent with every request: the top-level fields a model acts on, nothing nested.
    expect(Object.keys(runCode.outputSchema?.properties ?? {}).sort()).toEqual([
      'error',
      'next',
      'result',
      'status',
    ]);
  });

  it('run_code: returns the envelope as structuredContent, a rendering and the same JSON as text', async () => {
    const result = await call('run_code', {
      code: 'return 1',
      params: { space: 'MKT' },
      dryRun: true,
    });
    expect(result.isError).toBe(false);
    const envelope = result.structuredContent as { status: string; result: unknown; runId: string };
    expect(envelope).toMatchObject({
      status: 'ok',
      result: { echoed: { space: 'MKT' }, dryRun: true },
    });
    expect(result.content).toHaveLength(2);
    expect(result.content[0]!.text).toContain(`ok: run ${envelope.runId}`);
    expect(result.content[0]!.text).toContain('applied labels.add page 42');
    // Deep-equal JSON of structuredContent: what makes Kimi Code show it once (notes §5.3).
    expect(JSON.parse(result.content[1]!.text!)).toEqual(result.structuredContent);
  });

  it('run_code: a failing script is an isError result saying phase, line:col and the hint', async () => {
    const result = await call('run_code', { code: 'FAIL' });
    expect(result.isError).toBe(true);
    const text = result.content[0]!.text!;
    expect(text).toContain('phase typecheck (TYPE_ERROR) at line 3:28');
    expect(text).toContain("hint: Did you mean 'get'?");
    expect(text).toContain('call run_code again');
    expect(result.structuredContent).toMatchObject({
      status: 'error',
      error: { phase: 'typecheck' },
      next: expect.stringContaining('Fix the script'),
    });
  });

  it('run_code: a cut result says in structuredContent how to read the rest', async () => {
    const result = await call('run_code', { code: 'CUT' });
    expect(result.isError).toBe(false);
    const structured = result.structuredContent as { next?: string };
    expect(structured.next).toContain('read_result({ resultRef: "res_cut"');
    expect(JSON.parse(result.content[1]!.text!)).toEqual(result.structuredContent);
  });

  it('run_code: a dry run says in structuredContent that its writes were planned, not sent', async () => {
    const result = await call('run_code', { code: 'PLAN', dryRun: true });
    const structured = result.structuredContent as { next?: string };
    expect(structured.next).toMatch(/Dry run: 1 write planned, none sent/);
  });

  it('run_code: a plain successful run carries no next field', async () => {
    const result = await call('run_code', { code: 'return 1' });
    expect(result.structuredContent).not.toHaveProperty('next');
  });

  it('run_code: bad arguments are an isError result naming the field, and nothing runs', async () => {
    const before = runs.executed.length;
    const result = await call('run_code', { code: 42, timeoutMs: -5 });
    expect(result.isError).toBe(true);
    expect(result.content[0]!.text).toMatch(/code/);
    expect(result.content[0]!.text).toMatch(/timeoutMs/);
    expect(runs.executed.length).toBe(before);
  });

  it('tools/call: an unknown tool is a JSON-RPC error (-32602), not a result', async () => {
    await expect(call('no_such_tool', {})).rejects.toThrow(/-32602|not found/);
  });

  it('describe_sdk: hands the query and names to the registry and returns its text', async () => {
    const result = await call('describe_sdk', { names: ['pages.get'], query: 'page' });
    expect(result.isError).toBeFalsy();
    expect(result.content[0]!.text).toContain('"names":["pages.get"]');
  });

  it('read_result: pages through a stored result and says where the next page starts', async () => {
    const result = await call('read_result', { resultRef: 'res_big', offset: 10, limit: 5 });
    expect(result.structuredContent).toMatchObject({
      value: [{ index: 10 }, { index: 11 }, { index: 12 }, { index: 13 }, { index: 14 }],
      total: 25,
      hasMore: true,
      nextOffset: 15,
    });
    // Claude Code shows only structuredContent on success: the way on must be in it.
    expect((result.structuredContent as { next: string }).next).toContain('offset 15');
    // Kimi Code joins the blocks with no separator: the JSON still starts on its own line.
    expect(result.content.map((block) => block.text).join('')).toMatch(/\n\{"resultRef"/);
  });

  it('read_result: an unknown resultRef is an isError result saying to run again', async () => {
    const result = await call('read_result', { resultRef: 'res_nope' });
    expect(result.isError).toBe(true);
    expect(result.content[0]!.text).toContain('run the script again');
  });

  it('resources/read: a stored result is readable as workbench-result://{ref}', async () => {
    const read = await client.readResource({ uri: 'workbench-result://res_big' });
    const first = read.contents[0] as { text: string };
    expect(JSON.parse(first.text)).toMatchObject({ resultRef: 'res_big', total: 25 });
  });
});
