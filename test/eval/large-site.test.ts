/**
 * The evaluation's large site (bench/eval/large-site.ts), at a tenth of its size: the same seed
 * makes the same site, it holds what the large tasks ask about, the large tasks' checkers refuse
 * an untouched site, and two of them pass both ways on it. `npm run eval -- --large` runs them all
 * on the 5,000 pages.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLargeSiteFile,
  generateLargeSite,
  type LargeSiteSummary,
} from '../../bench/eval/large-site.ts';
import { measureTask } from '../../bench/eval/measure.ts';
import { startEvalService, type EvalService } from '../../bench/eval/site-service.ts';
import { LARGE_TASKS } from '../../bench/eval/tasks-large.ts';
import { createEmulator } from '../../src/emulator/index.ts';

const SCALE = 0.1;
const NOW = Date.UTC(2026, 11, 1);

/** Title, version and labels of every page: the site as a comparable text. */
function fingerprint(seed: number): { summary: LargeSiteSummary; pages: string } {
  const emulator = createEmulator({ seed: 'demo' });
  try {
    const summary = generateLargeSite(emulator.context, { seed, scale: SCALE, now: NOW });
    const rows = emulator.db
      .prepare(
        `SELECT c.title, c.version, (SELECT group_concat(l.name) FROM content_labels cl JOIN labels l ON l.id = cl.label_id WHERE cl.content_id = c.id) AS labels
         FROM content c WHERE c.type = 'page' ORDER BY c.id`,
      )
      .all();
    return { summary, pages: JSON.stringify(rows) };
  } finally {
    emulator.close();
  }
}

describe('the large site', () => {
  it('is deterministic: the same seed makes the same site, another seed another', () => {
    const first = fingerprint(7);
    expect(fingerprint(7)).toEqual(first);
    expect(fingerprint(8).pages).not.toEqual(first.pages);
  });

  it('holds spaces, deep trees, versions and comment threads (5,000 pages at full size)', () => {
    const { summary } = fingerprint(2026);
    expect(summary).toMatchObject({ pages: 500, spaces: ['PLAT', 'SALES', 'SUP', 'DOCS'] });
    const { maxDepth, versions, comments } = summary;
    expect(maxDepth).toBeGreaterThanOrEqual(5);
    expect(versions).toBeGreaterThan(500);
    expect(comments).toBeGreaterThan(40);
  });
});

describe('the large tasks on a generated site', () => {
  let directory: string;
  let siteFile: string;
  let service: EvalService;
  beforeAll(async () => {
    directory = mkdtempSync(path.join(tmpdir(), 'large-site-test-'));
    siteFile = createLargeSiteFile(directory, { scale: SCALE }).file;
    service = await startEvalService({ siteFile });
  }, 120_000);
  afterAll(async () => {
    await service?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  for (const task of LARGE_TASKS) {
    it(`${task.id}: the checker refuses an untouched site with a wrong answer`, async () => {
      await task.setup?.(service.site);
      await expect(task.check(service.site, [])).rejects.toThrow();
    }, 60_000);
  }

  for (const id of ['bulk-relabel', 'missing-label']) {
    it(`${id}: run_code and direct tools both pass on copies of the site`, async () => {
      const task = LARGE_TASKS.find((candidate) => candidate.id === id)!;
      const figures = await measureTask(task, { siteFile });
      expect(figures.runCode.roundTrips).toBe(1);
      expect(figures.direct.roundTrips).toBeGreaterThan(1);
      expect(figures.direct.confluenceCalls).toBeGreaterThanOrEqual(
        figures.runCode.confluenceCalls,
      );
    }, 120_000);
  }
});
