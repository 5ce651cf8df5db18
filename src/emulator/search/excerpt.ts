/**
 * Titles and excerpts of search results, by the `excerpt` strategy (swagger.v3.json
 * `searchByCQL`: highlight | indexed | none | highlight_unescaped | indexed_unescaped; default
 * highlight). As observed on Cloud (2026): the result's `title` and `excerpt` are HTML-escaped
 * and carry `@@@hl@@@…@@@endhl@@@` around matched words; `indexed` excerpts are cut to 50
 * characters; `none` gives an empty excerpt; an unknown strategy is not an error and also gives
 * an empty excerpt. `content.title` is never decorated.
 */
import type { Context } from 'hono';
import { queryString } from '../http/query.ts';

export type ExcerptStrategy =
  'highlight' | 'indexed' | 'none' | 'highlight_unescaped' | 'indexed_unescaped';

const STRATEGIES: readonly ExcerptStrategy[] = [
  'highlight',
  'indexed',
  'none',
  'highlight_unescaped',
  'indexed_unescaped',
];

/** Longest excerpt taken from the start of the body when no word was matched (observed 150–450). */
export const EXCERPT_CHARS = 300;
/** `excerpt=indexed` excerpts (observed: "truncated to 50 chars"). */
export const INDEXED_EXCERPT_CHARS = 50;

/**
 * `excerpt`, default `highlight`; an unknown value behaves as `none`, as on Cloud.
 * @example excerptStrategy(c) // 'highlight' without ?excerpt=
 */
export function excerptStrategy(c: Context): ExcerptStrategy {
  const raw = queryString(c, 'excerpt') ?? 'highlight';
  return (STRATEGIES as readonly string[]).includes(raw) ? (raw as ExcerptStrategy) : 'none';
}

export interface ExcerptSource {
  title: string;
  /** The title with highlight markers, when the text terms matched this item. */
  highlightedTitle: string | undefined;
  /** The FTS5 snippet with highlight markers, when the text terms matched this item. */
  snippet: string | undefined;
  /** The indexed plain text of the body. */
  text: string;
}

/**
 * @example resultText('highlight', { title: 'A & B', highlightedTitle: '@@@hl@@@A@@@endhl@@@ & B', … })
 * // { title: '@@@hl@@@A@@@endhl@@@ &amp; B', excerpt: '…' }
 */
export function resultText(
  strategy: ExcerptStrategy,
  source: ExcerptSource,
): { title: string; excerpt: string } {
  const escape = strategy.endsWith('_unescaped') ? (text: string) => text : escapeHtml;
  const highlight = strategy.startsWith('highlight');
  const title = escape(highlight ? (source.highlightedTitle ?? source.title) : source.title);
  if (strategy === 'none') return { title, excerpt: '' };
  const excerpt = highlight
    ? (source.snippet ?? leading(source.text, EXCERPT_CHARS))
    : leading(source.text, INDEXED_EXCERPT_CHARS);
  return { title, excerpt: escape(excerpt) };
}

/**
 * The first `max` characters, cut at a word boundary when there is one.
 * @example leading('one two three', 9) // 'one two'
 */
export function leading(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return space > max / 2 ? cut.slice(0, space) : cut;
}

/**
 * HTML-escaped as Confluence escapes result titles (`&amp;`, `&quot;`, `&#39;`, `&lt;`, `&gt;`).
 * Written here rather than with `entities`: its escapes write `'` as `&apos;` (escapeUTF8) or
 * leave it raw (escapeText), and the emulator must match Confluence's `&#39;` byte for byte.
 * @example escapeHtml('A & "B"') // 'A &amp; &quot;B&quot;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ENTITIES[char]!);
}

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
