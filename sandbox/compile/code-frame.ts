/**
 * A short code frame around a 1-based line and column, the way compilers print one:
 *
 *     2 | const pages = await confluence.pages.list({ spaceKey: 'ENG' });
 *   > 3 | return pages.map((page) => page.titel);
 *       |                                 ^
 */

const CONTEXT_LINES = 2;
const MAX_LINE_CHARS = 160;

/** @example codeFrame('a\nb = ;\nc', 2, 5) */
export function codeFrame(source: string, line: number, column: number): string {
  const lines = source.split(/\r?\n/);
  if (line < 1 || line > lines.length) return '';
  const first = Math.max(1, line - CONTEXT_LINES);
  const last = Math.min(lines.length, line + CONTEXT_LINES);
  const width = String(last).length;
  const output: string[] = [];
  for (let current = first; current <= last; current++) {
    const marker = current === line ? '>' : ' ';
    const text = (lines[current - 1] ?? '').slice(0, MAX_LINE_CHARS);
    output.push(`${marker} ${String(current).padStart(width)} | ${text}`.trimEnd());
    if (current === line) {
      const caretAt = Math.min(Math.max(1, column), MAX_LINE_CHARS);
      output.push(`  ${' '.repeat(width)} | ${' '.repeat(caretAt - 1)}^`);
    }
  }
  return output.join('\n');
}
