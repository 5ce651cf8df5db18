/**
 * Label JSON: v2 `Label` {id, name, prefix} (ids are strings on the wire) and v1 `Label`
 * {prefix, name, id, label} inside a `LabelArray`.
 */
import type { Context } from 'hono';
import type { EmulatorEnv } from '../http/env.ts';
import { siteBase } from '../http/links.ts';
import type { LabelRow } from './schema.ts';

export function labelJson(label: LabelRow) {
  return { id: String(label.id), name: label.name, prefix: label.prefix };
}

export function labelJsonV1(label: LabelRow) {
  return { prefix: label.prefix, name: label.name, id: String(label.id), label: label.name };
}

/** A v1 `LabelArray`; `self` is the site-relative path of the resource listed. */
export function labelArrayJson(
  c: Context<EmulatorEnv>,
  labels: LabelRow[],
  page: { start: number; limit: number; self: string; next?: string },
) {
  const base = siteBase(c);
  const links: Record<string, string> = { base, self: `${base}${page.self}` };
  if (page.next) links['next'] = page.next;
  return {
    results: labels.map(labelJsonV1),
    start: page.start,
    limit: page.limit,
    size: labels.length,
    _links: links,
  };
}

/** The keyset value of a label row for a sort column (`l.name` → `row.name`). */
export function labelSortValue(label: LabelRow, column: string): string | number {
  if (column === 'l.name') return label.name;
  if (column === 'l.created_at') return label.created_at;
  return label.id;
}
