/**
 * WORKBENCH_ALLOWED_SPACES through the whole product: a model's run_code over MCP, the real
 * workbench and sandbox, the embedded emulator. With ENG allowed, nothing of MKT reaches the
 * model, what was withheld is said in the text and in structuredContent, and a move out of ENG
 * is refused with nothing applied.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool, connectModern } from '../server/helpers/test-service.ts';
import { startRealService, type RealService } from './helpers/real-service.ts';

let service: RealService;
beforeAll(async () => {
  service = await startRealService({ env: { WORKBENCH_ALLOWED_SPACES: 'eng' } });
}, 120_000);
afterAll(() => service?.close());

const SCRIPT = `
const files = await confluence.attachments.list();
const hits = await confluence.search.cql('space = MKT OR space = ENG', { limit: 100 });
const pages = await confluence.pages.list.all({ limit: 250 });
const home = pages.results.find((page) => page.title === 'Engineering Home')!;
let move = 'applied';
try {
  // 65537 is an MKT page of the demo seed.
  await confluence.pages.move(home.id, { position: 'append', targetId: '65537' });
} catch (error) {
  move = (error as Error).message;
}
return { files: files.results, hits: hits.results, total: hits.totalSize, pages: pages.results, move };
`;

describe('run_code under an allowed-spaces policy', () => {
  it('run_code: no MKT content reaches the model; withheld items are said; the move is refused', async () => {
    const client = await connectModern(service.mcpUrl);
    const result = await callTool(client, 'run_code', { code: SCRIPT });
    await client.close();
    expect(result.isError).toBeFalsy();
    const envelope = result.structuredContent as {
      result: { total: number; move: string; pages: unknown[] };
      withheld: { count: number; reason: string };
      writes: unknown[];
    };
    const mkt = await service.emulator<{ results: Array<{ id: string }> }>(
      '/wiki/api/v2/spaces?keys=MKT',
    );
    const serialized = JSON.stringify(envelope.result);
    expect(serialized).not.toContain(`"spaceId":"${mkt.results[0]!.id}"`);
    expect(serialized).not.toContain('"spaceKey":"MKT"');
    expect(envelope.result.pages.length).toBeGreaterThan(0);
    expect(envelope.result.move).toBe(
      'pages.move: refused by policy allowedSpaces: space MKT is not one of eng',
    );
    expect(envelope.withheld).toEqual({ count: 2, reason: 'outside the allowed spaces (eng)' });
    expect(envelope.writes).toEqual([expect.objectContaining({ status: 'failed' })]);
    expect(result.content[0]!.text).toContain(
      "withheld: 2 items outside the allowed spaces (eng), by the workbench's policy.",
    );
  });
});
