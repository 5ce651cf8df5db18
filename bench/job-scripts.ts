/** The job the jobs benches run: each item reads a page and updates it (two Confluence calls). */
export const READ_UPDATE_ITEM_SCRIPT = `
export default async function (item: { id: string }) {
  const page = await confluence.pages.get(item.id);
  await confluence.pages.update(item.id, { version: page.version.number + 1, title: page.title + ' *' });
  return page.version.number + 1;
}`;
