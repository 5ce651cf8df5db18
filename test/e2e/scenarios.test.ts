/**
 * The three scenarios the product was specified with, each as ONE run_code call from a real MCP
 * client against the demo site, checked afterwards in the emulator's state (over the service's
 * /emulator mount, with the demo credentials).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool, connectLegacy, connectModern } from '../server/helpers/test-service.ts';
import { startRealService, type RealService } from './helpers/real-service.ts';

interface Paged<T> {
  results: T[];
}
interface Content {
  id: string;
  title: string;
  spaceId: string;
  status: string;
}

let service: RealService;
let marketingId: string;

beforeAll(async () => {
  service = await startRealService();
  const spaces = await service.emulator<Paged<{ id: string }>>('/wiki/api/v2/spaces?keys=MKT');
  marketingId = spaces.results[0]!.id;
}, 120_000);
afterAll(() => service?.close());

describe('scenarios against the demo site, one run_code call each', () => {
  it('run_code: creates a project documentation page in the Marketing space (SDK v2 client, 2026-07-28)', async () => {
    const client = await connectModern(service.mcpUrl);
    const result = await callTool(client, 'run_code', {
      code: `
const page = await confluence.pages.create({
  spaceId: 'MKT',
  title: params.title,
  body: { markdown: '# Project Aurora\\n\\n## Goals\\n\\n- Launch in Q4\\n\\n## Owners\\n\\n- Marketing team' },
});
return { id: page.id, title: page.title };`,
      params: { title: 'Project Aurora documentation' },
    });
    await client.close();
    expect(result.isError, result.content[0]?.text).toBe(false);
    const envelope = result.structuredContent as {
      result: { id: string };
      writes: Array<{ status: string }>;
    };
    expect(envelope.writes).toEqual([
      expect.objectContaining({ operation: 'pages.create', status: 'applied' }),
    ]);

    const found = await service.emulator<Paged<Content>>(
      `/wiki/api/v2/pages?title=${encodeURIComponent('Project Aurora documentation')}&space-id=${marketingId}`,
    );
    expect(found.results).toHaveLength(1);
    expect(found.results[0]).toMatchObject({
      id: envelope.result.id,
      spaceId: marketingId,
      status: 'current',
    });
    const page = await service.emulator<{ body: { storage: { value: string } } }>(
      `/wiki/api/v2/pages/${envelope.result.id}?body-format=storage`,
    );
    expect(page.body.storage.value).toContain('Launch in Q4');
  });

  it("run_code: adds the label 'urgent' to the Q3 planning page (SDK 1.x client, 2025-11-25)", async () => {
    const client = await connectLegacy(service.mcpUrl);
    const result = await callTool(client, 'run_code', {
      code: `
const { results } = await confluence.pages.list({ spaceId: 'MKT', title: 'Q3 planning' });
if (results.length !== 1) throw new Error('expected one Q3 planning page, found ' + results.length);
await confluence.labels.add(results[0].id, ['urgent']);
return { pageId: results[0].id };`,
    });
    await client.close();
    expect(result.isError, result.content[0]?.text).toBe(false);
    const { pageId } = (result.structuredContent as { result: { pageId: string } }).result;

    const labels = await service.emulator<Paged<{ name: string }>>(
      `/wiki/api/v2/pages/${pageId}/labels`,
    );
    expect(labels.results.map((label) => label.name)).toContain('urgent');
    const page = await service.emulator<Content>(`/wiki/api/v2/pages/${pageId}`);
    expect(page.title).toBe('Q3 planning');
  });

  it('run_code: publishes a team meeting summary as a blog post (SDK v2 client)', async () => {
    const client = await connectModern(service.mcpUrl);
    const result = await callTool(client, 'run_code', {
      code: `
const notes = params.notes as string[];
const post = await confluence.blogposts.create({
  spaceId: 'MKT',
  title: 'Team meeting summary — ' + params.date,
  body: { markdown: '## Decisions\\n\\n' + notes.map((note) => '- ' + note).join('\\n') },
});
return { id: post.id, title: post.title };`,
      params: { date: '2026-11-24', notes: ['Ship the Q3 campaign', 'Hire a designer'] },
    });
    await client.close();
    expect(result.isError, result.content[0]?.text).toBe(false);
    const { id } = (result.structuredContent as { result: { id: string } }).result;

    const post = await service.emulator<Content & { body: { storage: { value: string } } }>(
      `/wiki/api/v2/blogposts/${id}?body-format=storage`,
    );
    expect(post).toMatchObject({
      title: 'Team meeting summary — 2026-11-24',
      spaceId: marketingId,
      status: 'current',
    });
    expect(post.body.storage.value).toContain('Hire a designer');
  });
});
