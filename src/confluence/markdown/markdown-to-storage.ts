/**
 * Markdown → Confluence storage format, for writing pages as text. Fenced code becomes the code
 * macro; the placeholders `storageToMarkdown` wrote become their storage again, verbatim; images
 * become `ac:image` (with `attachment:NAME` for an attached file). The output is compact XHTML
 * (no newlines between blocks), as Confluence itself stores it. Markdown → HTML is markdown-it
 * (maintained, CommonMark + GFM tables, token-level rules).
 */
import { escapeUTF8 } from 'entities';
import MarkdownIt, { type MarkdownIt as Markdown, type Token } from 'markdown-it';
import { parseCodeInfo, renderCodeMacro } from './code-macro.ts';
import { addConfluenceLinks } from './markdown-links.ts';
import { addConfluenceTables } from './markdown-tables.ts';
import { addTaskLists, type ConversionEnv } from './markdown-tasks.ts';
import { isInlinePlaceholder, RAW_FENCE_INFO, restoreInlinePlaceholders } from './placeholders.ts';

const markdown = createRenderer();

/**
 * @example
 * markdownToStorage('# Plan\n\n```ts\nlet x = 1;\n```')
 * // '<h1>Plan</h1><ac:structured-macro ac:name="code"><ac:parameter ac:name="language">ts</ac:parameter>…'
 */
export function markdownToStorage(source: string): string {
  return convert(source, 0);
}

/**
 * The conversion, with the count of tasks that come before `source` on its page (task ids default
 * to their position: ./task-list.ts); storage-scan converts one task list at a time with it.
 */
export function convert(source: string, tasksBefore: number): string {
  const env: ConversionEnv = { tasks: tasksBefore };
  const tokens = markdown.parse(source, env);
  // Block tokens would each add a newline after themselves: storage is compact.
  const flatten = (list: Token[]) => {
    for (const token of list) {
      token.block = false;
      if (token.children) flatten(token.children);
    }
  };
  flatten(tokens);
  return markdown.renderer.render(tokens, markdown.options, env);
}

function createRenderer(): Markdown {
  const md = new MarkdownIt({ html: true, xhtmlOut: true, linkify: false, typographer: false });
  const rules = md.renderer.rules;
  rules.fence = (tokens, index) => {
    const token = tokens[index]!;
    const content = token.content.replace(/\n$/, '');
    if (token.info.trim() === RAW_FENCE_INFO) return content;
    return renderCodeMacro(parseCodeInfo(token.info, content));
  };
  rules.code_block = (tokens, index) =>
    renderCodeMacro({
      attributes: [],
      parameters: [],
      code: tokens[index]!.content.replace(/\n$/, ''),
    });
  rules.html_block = (tokens, index) => {
    const content = tokens[index]!.content.replace(/\n$/, '');
    if (!isInlinePlaceholder(content)) return restoreInlinePlaceholders(content);
    // A line that starts with an inline placeholder parses as an HTML block (CommonMark type 2),
    // but it was a line of text: render it inline, in the paragraph it came from.
    const inline = md.renderInline(content);
    return tokens[index - 1]?.type === 'list_item_open' ? inline : `<p>${inline}</p>`;
  };
  rules.html_inline = (tokens, index) => restoreInlinePlaceholders(tokens[index]!.content);
  rules.image = (tokens, index) => renderImage(tokens[index]!);
  rules.hardbreak = () => '<br />';
  addConfluenceLinks(md);
  addTaskLists(md);
  addConfluenceTables(md);
  return md;
}

/** `![alt](https://…/a.png "title")` → `ac:image` with `ri:url`; `attachment:a.png` → `ri:attachment`. */
function renderImage(token: Token): string {
  const source = String(token.attrGet('src') ?? '');
  const title = token.attrGet('title')?.toString();
  const alt = token.children?.map((child) => child.content).join('') ?? token.content;
  const attributes = [
    alt ? ` ac:alt="${escapeUTF8(alt)}"` : '',
    title ? ` ac:title="${escapeUTF8(title)}"` : '',
  ].join('');
  const resource = source.startsWith('attachment:')
    ? `<ri:attachment ri:filename="${escapeUTF8(decodeURIComponent(source.slice('attachment:'.length)))}" />`
    : `<ri:url ri:value="${escapeUTF8(source)}" />`;
  return `<ac:image${attributes}>${resource}</ac:image>`;
}
