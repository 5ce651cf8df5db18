/** Shared set-up of the jobs suites: a real workbench on the embedded emulator, in memory. */
import { loadConfig } from '../../src/config.ts';
import { createWorkbench, type Workbench, type WorkbenchOptions } from '../../src/workbench.ts';

/** A workbench on the embedded emulator, everything in memory, one worker process. */
export async function startJobsWorkbench(
  options: WorkbenchOptions = {},
  env: Record<string, string> = {},
): Promise<Workbench> {
  return createWorkbench(loadConfig(env), {
    runsDatabase: ':memory:',
    emulatorDatabase: ':memory:',
    jobsDatabase: ':memory:',
    sandbox: { workers: 1 },
    ...options,
  });
}

/** A job script that appends a line to each page it is given and labels it. */
export const RELABEL_SCRIPT = `
export default async function (item: { id: string }, params: { label: string }) {
  const page = await confluence.pages.get(item.id, { bodyFormat: 'storage' });
  await confluence.pages.update(item.id, {
    version: page.version.number + 1,
    body: { storage: (page.body?.storage?.value ?? '') + '<p>migrated</p>' },
  });
  await confluence.labels.add(item.id, params.label);
  return { id: item.id, version: page.version.number + 1 };
}
`;

/** The footer comment {@link MIGRATE_SCRIPT} adds. */
export const MIGRATION_COMMENT = '<p>Migrated by the job.</p>';

/** The migration: each item updates a page body, adds a label and a footer comment. */
export const MIGRATE_SCRIPT = `
export default async function (item: { id: string }) {
  const page = await confluence.pages.get(item.id, { bodyFormat: 'storage' });
  await confluence.pages.update(item.id, {
    version: page.version.number + 1,
    body: { storage: (page.body?.storage?.value ?? '') + '<p>migrated</p>' },
  });
  await confluence.labels.add(item.id, 'migrated');
  await confluence.comments.create({ pageId: item.id, body: { storage: '${MIGRATION_COMMENT}' } });
  return { id: item.id, version: page.version.number + 1 };
}
`;
