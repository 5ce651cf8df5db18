import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createWorkbench, type Workbench } from '../../src/workbench.ts';
import {
  SCRIPTED_EMAIL,
  SCRIPTED_TOKEN,
  startScriptedServer,
  type ScriptedServer,
} from '../confluence/fixtures/scripted-server.ts';

/** A workbench against a loopback site whose page bodies are 1 MiB, with a 256 KiB answer cap. */
describe('response limits through a run', () => {
  let workbench: Workbench;
  let site: ScriptedServer;
  beforeAll(async () => {
    site = await startScriptedServer((c) =>
      Response.json({
        id: '1',
        status: 'current',
        title: 'big',
        spaceId: '1',
        version: { number: 1 },
        body: { storage: { value: 'x'.repeat(1024 * 1024), representation: 'storage' } },
        path: c.req.path,
      }),
    );
    const config = loadConfig({
      CONFLUENCE_BASE_URL: site.url,
      CONFLUENCE_EMAIL: SCRIPTED_EMAIL,
      CONFLUENCE_API_TOKEN: SCRIPTED_TOKEN,
      WORKBENCH_MAX_RESPONSE_BYTES: String(256 * 1024),
    });
    workbench = await createWorkbench(config, {
      runsDatabase: ':memory:',
      sandbox: { workers: 1 },
    });
  });
  afterAll(async () => {
    await workbench.close();
    await site.close();
  });

  it('WORKBENCH_MAX_RESPONSE_BYTES: an answer over it fails the call with the limit and the figure', async () => {
    const envelope = await workbench.runs.execute({
      code: `try {
  await confluence.pages.get('1', { bodyFormat: 'storage' });
  return 'read';
} catch (error) {
  return { code: error.code, message: error.message };
}`,
    });
    expect(envelope.status).toBe('ok');
    expect(envelope.result).toMatchObject({ code: 'RESPONSE_TOO_LARGE' });
    const { message } = envelope.result as { message: string };
    expect(message).toContain(`over the limit of ${256 * 1024} bytes`);
    expect(message).toMatch(/declares \d+ bytes|\d+ bytes had arrived/);
  });
});
