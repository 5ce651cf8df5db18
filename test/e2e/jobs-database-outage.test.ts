/**
 * A job under a database outage, for real: one instance reaches PostgreSQL through a TCP proxy
 * and works a job whose items each add a footer comment of their own to one page (20 ms of
 * latency on every request of its embedded emulator). Mid-job the proxy is cut for 4 s, then
 * (another job) for 12 s: items can neither be claimed nor finished, the instance must not fall
 * over (no unhandled rejection: vitest fails the run on one), and once
 * the database answers again the job goes on by itself and ends with every item done and every
 * comment made exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobStatus } from '../../src/jobs/types.ts';
import { fetchJson, postJson } from '../support/http-json.ts';
import { createTestDatabase, dropTestDatabase } from '../support/postgres.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';
import { jobEnded } from './helpers/instances.ts';
import { startRealService, type RealService } from './helpers/real-service.ts';

const ITEMS = 80;
const SCRIPT = `
export default async function (item: { n: number }, params: { pageId: string; tag: string }) {
  await confluence.pages.get(params.pageId);
  await confluence.comments.create({ pageId: params.pageId, body: { storage: '<p>' + params.tag + ' item ' + item.n + '</p>' } });
  return item.n;
}`;

let databaseUrl: string;
let proxy: TcpProxy;
let service: RealService;

beforeAll(async () => {
  databaseUrl = await createTestDatabase('joboutage');
  proxy = await startTcpProxy(Number(new URL(databaseUrl).port));
  const throughProxy = new URL(databaseUrl);
  throughProxy.port = String(proxy.port);
  service = await startRealService({ env: { WORKBENCH_DATABASE_URL: throughProxy.toString() } });
}, 120_000);
afterAll(async () => {
  proxy?.restore();
  await service?.close();
  await proxy?.close();
  if (databaseUrl) await dropTestDatabase(databaseUrl);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a job under a database outage', () => {
  // 4 s: items wait for the database. 12 s: longer than a lease may go unconfirmed before a write
  // (LEASE_MS - LEASE_SEND_MARGIN_MS), so writes in flight are not sent and their items are taken
  // back and reconciled once the database answers.
  it.each([
    ['of 4 s', 4_000],
    ['of 12 s, past the lease margin', 12_000],
  ])(
    'an outage %s: the job goes on by itself, every item done, every comment once',
    async (_, outageMs) => {
      const job = `outage-${outageMs}`;
      const status = () => fetchJson<JobStatus>(`${service.url}/v1/jobs/${job}`);
      const pages = await service.emulator<{ results: { id: string }[] }>(
        '/wiki/api/v2/pages?limit=1',
      );
      const pageId = pages.results[0]!.id;
      service.workbench.emulator!.faults.set({ latency: { ms: 20 } });
      await postJson<JobStatus>(`${service.url}/v1/jobs`, {
        id: job,
        code: SCRIPT,
        params: { pageId, tag: job },
        items: Array.from({ length: ITEMS }, (_, n) => ({ n })),
        options: { concurrency: 4 },
      });
      for (let tries = 0; (await status()).counts.done < ITEMS / 5; tries++) {
        if (tries > 600) throw new Error('the job did not get going');
        await sleep(50);
      }

      proxy.cut();
      await sleep(outageMs);
      const during = await fetchJson<{ status: string }>(`${service.url}/healthz`);
      expect(during.status).toBe('degraded');
      proxy.restore();

      let final = await status().catch(() => undefined);
      for (let tries = 0; !final || !jobEnded(final); tries++) {
        if (tries > 900) throw new Error(`the job did not end: ${JSON.stringify(final)}`);
        await sleep(100);
        final = await status().catch(() => undefined);
      }
      expect(final).toMatchObject({
        state: 'done',
        counts: { total: ITEMS, done: ITEMS, failed: 0, pending: 0, running: 0 },
      });
      service.workbench.emulator!.faults.clear();
      const comments = await service.emulator<{
        results: { body?: { storage?: { value: string } } }[];
      }>(`/wiki/api/v2/pages/${pageId}/footer-comments?limit=250&body-format=storage`);
      const ours = comments.results
        .map((comment) => comment.body?.storage?.value ?? '')
        .filter((body) => body.startsWith(`<p>${job} item `))
        .sort();
      expect(ours).toEqual(
        Array.from({ length: ITEMS }, (_, n) => `<p>${job} item ${n}</p>`).sort(),
      );
      expect((await fetchJson<{ status: string }>(`${service.url}/healthz`)).status).toBe('ok');
    },
    180_000,
  );
});
