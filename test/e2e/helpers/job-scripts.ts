/** Job scripts and set-up runs shared by the jobs e2e suites. */

export { RELABEL_SCRIPT } from '../../jobs/helpers.ts';

/** A run that creates `count` pages in ENG and returns their ids. */
export function createPagesScript(count: number, prefix: string): string {
  return `const ids = [];
for (let i = 0; i < ${count}; i++) {
  const page = await confluence.pages.create({ spaceId: 'ENG', title: '${prefix} ' + i, body: { storage: '<p>page ' + i + '</p>' } });
  ids.push(page.id);
}
return ids;`;
}
