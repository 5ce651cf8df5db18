/**
 * Builds `_links` values. `_links.base` is the absolute site URL ending in `/wiki`; relative links
 * (`_links.next`, `webui`, ...) are site-relative and already contain `/wiki`, as on Confluence
 * Cloud (notes/confluence-api.md §3.1). When the emulator is mounted under a prefix
 * (`/emulator`), every link carries it.
 */
import type { Context } from 'hono';
import type { EmulatorEnv } from './env.ts';

/** The mount prefix: the configured `basePath`, else whatever precedes `/wiki/` in the path. */
export function mountPrefix(c: Context<EmulatorEnv>): string {
  const configured = c.get('basePath');
  if (configured !== undefined) return configured;
  const index = c.req.path.indexOf('/wiki/');
  return index > 0 ? c.req.path.slice(0, index) : '';
}

/** `http://host:port[/prefix]/wiki`: the `_links.base` value. */
export function siteBase(c: Context<EmulatorEnv>): string {
  return `${new URL(c.req.url).origin}${mountPrefix(c)}/wiki`;
}

/**
 * A site-relative link: `sitePath(c, '/wiki/api/v2/pages/1')` → `/emulator/wiki/api/v2/pages/1`.
 */
export function sitePath(c: Context<EmulatorEnv>, path: string): string {
  return `${mountPrefix(c)}${path}`;
}

/** A link relative to `_links.base` (v1 style and `webui`): strips the leading `/wiki`. */
export function basePath(path: string): string {
  return path.startsWith('/wiki/') ? path.slice('/wiki'.length) : path;
}
