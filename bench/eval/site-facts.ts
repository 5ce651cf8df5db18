/** What checkers read from the emulator over its REST API (v2 unless said otherwise). */
import type { Site } from './task.ts';

export interface PageRow {
  id: string;
  title: string;
  spaceId: string;
  parentId?: string;
  version: { number: number; authorId?: string; createdAt?: string };
  body?: { storage?: { value: string } };
}

export async function spaceIdOf(site: Site, key: string): Promise<string> {
  const { results } = await site.get<{ results: Array<{ id: string }> }>(
    `/wiki/api/v2/spaces?keys=${key}`,
  );
  const space = results[0];
  if (!space) throw new Error(`no space ${key}`);
  return space.id;
}

export async function pagesIn(site: Site, key: string, bodies = false): Promise<PageRow[]> {
  const spaceId = await spaceIdOf(site, key);
  const { results } = await site.get<{ results: PageRow[] }>(
    `/wiki/api/v2/spaces/${spaceId}/pages?limit=250${bodies ? '&body-format=storage' : ''}`,
  );
  return results;
}

export async function pageTitled(site: Site, title: string): Promise<PageRow> {
  const { results } = await site.get<{ results: PageRow[] }>(
    `/wiki/api/v2/pages?title=${encodeURIComponent(title)}&body-format=storage`,
  );
  const page = results[0];
  if (!page) throw new Error(`no page titled ${title}`);
  return page;
}

export async function labelsOf(site: Site, pageId: string): Promise<string[]> {
  const { results } = await site.get<{ results: Array<{ name: string }> }>(
    `/wiki/api/v2/pages/${pageId}/labels?limit=250`,
  );
  return results.map((label) => label.name).sort();
}

export function sameSet(a: readonly unknown[], b: readonly unknown[]): boolean {
  const left = a.map(String).sort();
  const right = b.map(String).sort();
  return left.length === right.length && left.every((value, index) => value === right[index]);
}
