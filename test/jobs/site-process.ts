/**
 * Test helper: a Confluence emulator as a separate process (`confluence-workbench emulator`) over
 * a database file seeded with generated pages, and the environment that points the real CLI at it.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createEmulator, type Emulator, type FaultConfigInput } from '../../src/emulator/index.ts';
import { generateSite } from '../../src/emulator/seed/generate.ts';
import type { JobItemReport } from '../../src/jobs/types.ts';
import { expect } from 'vitest';
import {
  createCliEnvironment,
  putFaults,
  startCommand,
  waitForOutput,
} from '../cli/cli-process.ts';
import { MIGRATION_COMMENT } from './helpers.ts';

export interface SiteProcess {
  url: string;
  dir: string;
  databaseFile: string;
  pageIds: string[];
  /** The CLI's environment: its own data dir, CONFLUENCE_* pointing at this site. */
  env: NodeJS.ProcessEnv;
  dataDir: string;
  setFaults(faults: FaultConfigInput): Promise<void>;
  /** Stops the process, then opens its database in-process to read the site's own state. */
  stopAndOpen(): Promise<Emulator>;
  remove(): void;
}

/**
 * @example
 * const site = await startSiteProcess(2_000);
 * await site.setFaults({ latency: { ms: 10, jitterMs: 10 } });
 */
export async function startSiteProcess(pages: number): Promise<SiteProcess> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cw-jobs-site-'));
  const databaseFile = path.join(dir, 'site.sqlite');
  const seeded = createEmulator({ database: databaseFile, seed: 'demo' });
  const { pageIds } = generateSite(seeded.context, { pages, spaces: 2 });
  seeded.close();
  const cli = createCliEnvironment();
  const child: ChildProcess = startCommand(
    ['emulator', '--port', '0', '--db', databaseFile, '--seed', 'none', '--faults'],
    cli.env,
  );
  const banner = await waitForOutput(child.stderr!, /on (http:\/\/[^\s/]+)\/wiki/);
  const url = /on (http:\/\/[^\s/]+)\/wiki/.exec(banner)![1]!;
  const env: NodeJS.ProcessEnv = {
    ...cli.env,
    CONFLUENCE_BASE_URL: url,
    CONFLUENCE_EMAIL: 'demo@example.com',
    CONFLUENCE_API_TOKEN: 'demo-token',
    // The emulator has no quota to protect: pace it far above Atlassian's 25 requests/s.
    CONFLUENCE_MAX_REQUESTS_PER_SECOND: '2000',
    CONFLUENCE_MAX_CONCURRENCY: '32',
  };
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    dir,
    databaseFile,
    pageIds: pageIds.map(String),
    env,
    dataDir: env['WORKBENCH_DATA_DIR']!,
    setFaults: (faults) => putFaults(url, faults),
    async stopAndOpen() {
      child.kill('SIGTERM');
      await exited;
      return createEmulator({ database: databaseFile, seed: 'none' });
    },
    remove() {
      if (child.exitCode === null) child.kill('SIGKILL');
      cli.remove();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Writes the items file (JSONL: `{"id":"…"}` a line) and returns its path. */
export function writeItems(site: SiteProcess, ids: string[]): string {
  const file = path.join(site.dir, 'items.jsonl');
  writeFileSync(file, ids.map((id) => JSON.stringify({ id })).join('\n') + '\n');
  return file;
}

/** Items of a job in a state, read from the CLI's jobs database (another process writes it). */
export function countItems(site: SiteProcess, jobId: string, state: string): number {
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(path.join(site.dataDir, 'jobs.sqlite'), { readOnly: true });
    const row = db
      .prepare('SELECT COUNT(*) AS n FROM job_items WHERE job_id = ? AND state = ?')
      .get(jobId, state) as { n: number } | undefined;
    return Number(row?.n ?? 0);
  } catch {
    return 0;
  } finally {
    db?.close();
  }
}

/** GET on the in-process emulator as the demo admin. */
export async function siteGet<T>(emulator: Emulator, pathname: string): Promise<T> {
  const response = await emulator.app.request(pathname, {
    headers: { authorization: 'Bearer demo-token' },
  });
  if (!response.ok) throw new Error(`GET ${pathname}: ${response.status}`);
  return (await response.json()) as T;
}

/**
 * The job's own report after a migration job over `site`: one item per page, each done, each
 * with the three writes of {@link MIGRATE_SCRIPT} applied once, in order.
 */
export function expectReportedOnce(site: SiteProcess, reported: JobItemReport[]): void {
  expect(reported.map((item) => item.key).sort()).toEqual([...site.pageIds].sort());
  for (const item of reported) {
    expect(item.state, item.key).toBe('done');
    expect(
      item.writes?.filter((write) => write.status === 'applied').map((write) => write.operation),
      item.key,
    ).toEqual(['pages.update', 'labels.add', 'comments.create']);
  }
}

/** Every item of a job, as `job report --jsonl` prints them. */
export function parseJsonl(stdout: string): JobItemReport[] {
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as JobItemReport);
}

/**
 * The emulator's own state after a migration job: every page has exactly one new version (carrying
 * `versionMessage(id)` when given), one `migrated` label and the one migration comment.
 */
export async function expectMigratedOnce(
  site: SiteProcess,
  versionMessage?: (id: string) => string,
): Promise<void> {
  const emulator = await site.stopAndOpen();
  try {
    for (const id of site.pageIds) {
      const page = await siteGet<{ version: { number: number; message?: string } }>(
        emulator,
        `/wiki/api/v2/pages/${id}`,
      );
      expect(page.version, `page ${id}`).toMatchObject({
        number: 2,
        ...(versionMessage ? { message: versionMessage(id) } : {}),
      });
      const labels = await siteGet<{ results: { name: string }[] }>(
        emulator,
        `/wiki/api/v2/pages/${id}/labels?limit=250`,
      );
      expect(
        labels.results.filter((label) => label.name === 'migrated'),
        `page ${id}`,
      ).toHaveLength(1);
      const comments = await siteGet<{ results: { body: { storage: { value: string } } }[] }>(
        emulator,
        `/wiki/api/v2/pages/${id}/footer-comments?body-format=storage&limit=250`,
      );
      expect(
        comments.results.map((comment) => comment.body.storage.value),
        `page ${id}`,
      ).toEqual([MIGRATION_COMMENT]);
    }
  } finally {
    emulator.close();
  }
}
