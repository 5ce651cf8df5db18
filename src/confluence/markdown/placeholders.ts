/**
 * How storage that markdown cannot express travels through markdown untouched:
 * - a block (a macro, a layout tag, a table with attributes) becomes a fenced block whose info
 *   string is `confluence-storage`: its lines are the storage, verbatim, readable and editable;
 * - an inline construct (a status macro in a sentence, an `ac:link`, an emoticon) becomes one HTML
 *   comment, `<!--confluence … -->`, holding the storage with only `%`, `--`, newlines, `|` and
 *   backticks percent-encoded: those would end the comment, split a table row or open a code span.
 * Both survive a markdown parser byte-for-byte, which is what makes the round trip lossless.
 */

export const RAW_FENCE_INFO = 'confluence-storage';
const INLINE_OPEN = '<!--confluence ';
const INLINE_CLOSE = ' -->';
const ENCODED = /%(25|2D|0A|0D|7C|60)/g;
const DECODED: Record<string, string> = {
  '25': '%',
  '2D': '-',
  '0A': '\n',
  '0D': '\r',
  '7C': '|',
  '60': '`',
};

/**
 * @example inlinePlaceholder('<ac:emoticon ac:name="smile" />') // '<!--confluence <ac:emoticon ac:name="smile" /> -->'
 */
export function inlinePlaceholder(storage: string): string {
  const encoded = storage
    .replace(/%/g, '%25')
    .replace(/-(?=-)/g, '%2D')
    .replace(/\n/g, '%0A')
    .replace(/\r/g, '%0D')
    .replace(/\|/g, '%7C')
    .replace(/`/g, '%60');
  return `${INLINE_OPEN}${encoded}${INLINE_CLOSE}`;
}

/** True when `text` starts with an inline placeholder. */
export function isInlinePlaceholder(text: string): boolean {
  return text.startsWith(INLINE_OPEN);
}

/** Replaces every inline placeholder in `html` by the storage it holds. */
export function restoreInlinePlaceholders(html: string): string {
  return html.replace(/<!--confluence ([\s\S]*?) -->/g, (_match, encoded: string) =>
    encoded.replace(ENCODED, (_code, hex: string) => DECODED[hex] ?? ''),
  );
}

/** A fenced block holding `content` verbatim, fenced longer than any backtick run inside it. */
export function fenced(info: string, content: string): string {
  const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${info}\n${content}\n${fence}`;
}
