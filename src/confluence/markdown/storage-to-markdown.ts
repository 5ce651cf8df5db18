/**
 * Confluence storage format → markdown, for reading and editing pages as text. Constructs markdown
 * cannot express (macros, `ac:image`, `ri:` links, task lists, status lozenges, layouts, tables
 * with attributes) are kept as placeholders holding their exact storage, so
 * `markdownToStorage(storageToMarkdown(x))` gives every one of them back byte-for-byte
 * (notes/peers-confluence.md P2: lossy round trips silently destroy pages).
 * HTML → markdown is turndown (maintained, DOM-based, rule-extensible).
 */
import TurndownService from 'turndown';
import { codeMacroInfo } from './code-macro.ts';
import { fenced, inlinePlaceholder, RAW_FENCE_INFO } from './placeholders.ts';
import { scanStorage, type Snippet } from './storage-scan.ts';

/**
 * @example
 * storageToMarkdown('<h1>Plan</h1><p>Status: <ac:structured-macro ac:name="status">…</ac:structured-macro></p>')
 * // '# Plan\n\nStatus: <!--confluence <ac:structured-macro ac:name="status">…</ac:structured-macro> -->'
 */
export function storageToMarkdown(storage: string): string {
  return convertStorage(storage);
}

function convertStorage(storage: string, options: { trustTables?: boolean } = {}): string {
  const { html, snippets } = scanStorage(storage, { toMarkdown: convertStorage, ...options });
  return converter(snippets).turndown(html);
}

function converter(snippets: readonly Snippet[]): TurndownService {
  const service = new TurndownService({
    headingStyle: 'atx',
    codeBlockStyle: 'fenced',
    bulletListMarker: '-',
    emDelimiter: '_',
    strongDelimiter: '**',
    hr: '---',
  });
  // turndown leaves `<` and entity-like `&` alone; with raw HTML allowed in markdown they would
  // come back as tags and entities, so text `&lt;tag&gt;` must stay text.
  const escape = service.escape.bind(service);
  service.escape = (text: string) =>
    escape(text)
      .replace(/</g, '\\<')
      .replace(/&(?=#?\w+;)/g, '\\&');
  service.addRule('storagePlaceholder', {
    filter: (node) => node.nodeName === 'CW-PH',
    replacement: (_content, node) => render(snippets[Number(node.textContent)]),
  });
  addTableRules(service);
  return service;
}

function render(snippet: Snippet | undefined): string {
  if (snippet === undefined) return '';
  if (snippet.kind === 'markdown')
    return snippet.block ? `\n\n${snippet.markdown}\n\n` : snippet.markdown;
  if (snippet.kind === 'inline') return inlinePlaceholder(snippet.storage);
  if (snippet.kind === 'code')
    return `\n\n${fenced(codeMacroInfo(snippet.macro), snippet.macro.code)}\n\n`;
  return `\n\n${fenced(RAW_FENCE_INFO, snippet.storage)}\n\n`;
}

/** GFM tables for the plain tables the scan let through (see plain-table.ts). */
function addTableRules(service: TurndownService): void {
  service.addRule('tableCell', {
    filter: ['th', 'td'],
    replacement: (content) => ` ${content.trim().replace(/\n+/g, ' ').replace(/\|/g, '\\|')} |`,
  });
  service.addRule('tableRow', {
    filter: 'tr',
    replacement: (content, node) => {
      const row = `|${content}\n`;
      const cells = Array.from(node.childNodes as ArrayLike<{ nodeName: string }>);
      const isHeader = cells.some((cell) => cell.nodeName === 'TH');
      const width = cells.filter((cell) => cell.nodeName === 'TH' || cell.nodeName === 'TD').length;
      return isHeader ? `${row}|${' --- |'.repeat(width)}\n` : row;
    },
  });
  service.addRule('tableSection', {
    filter: ['thead', 'tbody'],
    replacement: (content) => content,
  });
  service.addRule('table', {
    filter: 'table',
    replacement: (content) => `\n\n${content.trim()}\n\n`,
  });
}
