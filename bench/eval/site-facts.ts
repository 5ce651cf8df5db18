/**
 * What checkers read from the emulator over its REST API (v2 unless said otherwise), every
 * listing followed to its end through `_links.next`: the checkers hold on the 5,000-page site too.
 */
import type { Site } from './task.ts';

export interface PageRow {
  id: string;
  title: string;
  spaceId: string;
  parentId?: string;
  version: { number: number; authorId?: string; createdAt?: string };
  body?: { storage?: { value: string } };
}

/** Requests a checker sends at once (the emulator answers in process; this bounds sockets). */
const CONCURRENCY = 25;

/**
 * Every item of a v2 listing, following `_links.next`.
 *
 * @example
 * const tasks = await listAll<{ id: string }>(site, '/wiki/api/v2/tasks?status=incomplete&limit=250');
 */
export async function listAll<T>(site: Site, first: string): Promise<T[]> {
  const items: T[] = [];
  let next: string | undefined = first;
  while (next) {
    const page: { results: T[]; _links?: { next?: string } } = await site.get(next);
    items.push(...page.results);
    // Links carry the mount prefix the request came through; `site.get` adds it again.
    next = page._links?.next?.replace(/^\/emulator\//, '/');
  }
  return items;
}

/** `work` over every item, {@link CONCURRENCY} at a time, results in order. */
export async function mapConcurrently<T, R>(
  items: readonly T[],
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += CONCURRENCY)
    results.push(...(await Promise.all(items.slice(start, start + CONCURRENCY).map(work))));
  return results;
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
  return listAll<PageRow>(
    site,
    `/wiki/api/v2/spaces/${spaceId}/pages?limit=250${bodies ? '&body-format=storage' : ''}`,
  );
}

export async function pageTitled(site: Site, title: string): Promise<PageRow> {
  const { results } = await site.get<{ results: PageRow[] }>(
    `/wiki/api/v2/pages?title=${encodeURIComponent(title)}&body-format=storage`,
  );
  const page = results[0];
  if (!page) throw new Error(`no page titled ${title}`);
  return page;
}

/** Every page below `rootId` among `pages` (one space's listing), at any depth. */
export function descendantsOf(pages: readonly PageRow[], rootId: string): PageRow[] {
  const children = new Map<string, PageRow[]>();
  for (const page of pages) {
    const siblings = children.get(page.parentId ?? '') ?? [];
    siblings.push(page);
    children.set(page.parentId ?? '', siblings);
  }
  const found: PageRow[] = [];
  const queue = [rootId];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child.id);
    }
  }
  return found;
}

export async function labelsOf(site: Site, pageId: string): Promise<string[]> {
  const labels = await listAll<{ name: string }>(
    site,
    `/wiki/api/v2/pages/${pageId}/labels?limit=250`,
  );
  return labels.map((label) => label.name).sort();
}

/** The pages of a space that carry `label`. */
export async function labelledIn(site: Site, key: string, label: string): Promise<PageRow[]> {
  const pages = await pagesIn(site, key);
  const labels = await mapConcurrently(pages, (page) => labelsOf(site, page.id));
  return pages.filter((_, index) => labels[index]!.includes(label));
}

export function sameSet(a: readonly unknown[], b: readonly unknown[]): boolean {
  const left = a.map(String).sort();
  const right = b.map(String).sort();
  return left.length === right.length && left.every((value, index) => value === right[index]);
}
