/** Job scripts and set-up runs shared by the jobs e2e suites. */

/** Appends a line to each page it is given and labels it: one update and one label per item. */
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

/** A run that creates `count` pages in ENG and returns their ids. */
export function createPagesScript(count: number, prefix: string): string {
  return `const ids = [];
for (let i = 0; i < ${count}; i++) {
  const page = await confluence.pages.create({ spaceId: 'ENG', title: '${prefix} ' + i, body: { storage: '<p>page ' + i + '</p>' } });
  ids.push(page.id);
}
return ids;`;
}
