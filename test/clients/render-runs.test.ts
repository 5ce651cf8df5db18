/** The CLI's renderings name a run's client, so that an admin reading the shared store sees whose it is. */
import { expect, it } from 'vitest';
import { renderRunList } from '../../src/cli/render-runs.ts';
import type { StoredRunSummary } from '../../src/runs/types.ts';

const RUN: StoredRunSummary = {
  runId: 'run_1',
  status: 'ok',
  mode: 'live',
  source: 'rest',
  createdAt: '2026-01-01T00:00:00.000Z',
  durationMs: 5,
  calls: { total: 1, reads: 1, writes: 0, retries: 0, failed: 0 },
};

it('runs list: a run of a client names it; a run of the CLI names none', () => {
  const [, owned, local] = renderRunList([
    { ...RUN, client: 'docs-agent' },
    { ...RUN, runId: 'run_2' },
  ]);
  expect(owned).toMatch(/client docs-agent$/);
  expect(local).not.toContain('client');
});
