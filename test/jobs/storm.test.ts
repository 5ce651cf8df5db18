/**
 * A 429 storm and a share of 5xx, injected by the emulator running as a separate process: the job
 * completes with no failed item, and every page shows its writes exactly once.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobStatus } from '../../src/jobs/types.ts';
import { runCommand } from '../cli/cli-process.ts';
import {
  expectMigratedOnce,
  type SiteProcess,
  startSiteProcess,
  writeItems,
} from './site-process.ts';
import { MIGRATE_SCRIPT } from './helpers.ts';

const PAGES = 150;
let site: SiteProcess;

beforeAll(async () => {
  site = await startSiteProcess(PAGES);
}, 120_000);
afterAll(() => site?.remove());

describe('job under a 429 storm', () => {
  it('job start: 429s (Retry-After: 1) on a fifth or more of the requests and 5% of 503s fail no item', async () => {
    await site.setFaults({
      latency: { ms: 10, jitterMs: 10 },
      // Past 10 requests in a second, every request is answered 429 with Retry-After: 1.
      rateLimit: { requests: 10, windowMs: 1_000, retryAfterSeconds: 1 },
      errors: { ratio: 0.05, status: 503 },
    });
    const script = path.join(site.dir, 'migrate.job.ts');
    writeFileSync(script, MIGRATE_SCRIPT);
    const items = writeItems(site, site.pageIds);
    const outcome = await runCommand(
      ['job', 'start', script, '--items', items, '--id', 'storm', '--concurrency', '16', '--json'],
      { env: site.env },
    );
    expect(outcome.stderr).not.toMatch(/internal error/);
    const status = JSON.parse(outcome.stdout) as JobStatus;
    // On a failure, say which items failed and why (the report lists them with their errors).
    const failures =
      status.counts.failed === 0
        ? ''
        : (await runCommand(['job', 'report', 'storm', '--json'], { env: site.env })).stdout;
    expect(status, failures).toMatchObject({ state: 'done', counts: { done: PAGES, failed: 0 } });
    expect(outcome.code).toBe(0);
    expect(status.calls.retries).toBeGreaterThan(0);

    const faults = (await (await fetch(`${site.url}/__emulator/faults`)).json()) as {
      counters: { requests: number; rateLimited: number; errors: number };
    };
    expect(faults.counters.rateLimited / faults.counters.requests).toBeGreaterThan(0.2);
    expect(faults.counters.errors).toBeGreaterThan(0);

    await expectMigratedOnce(site);
  }, 300_000);
});
