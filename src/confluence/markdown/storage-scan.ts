/**
 * The first step of storage → markdown: find what markdown cannot express and set it aside.
 * Storage is parsed as XML (htmlparser2: CDATA and `ac:`/`ri:` names intact, source offsets on
 * every node); what markdown can say is copied to plain HTML for turndown, and every other
 * construct is replaced by a `<cw-ph>` marker whose {@link Snippet} keeps its exact source.
 */
import type { AnyNode, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { isCodeMacro, readCodeMacro, renderCodeMacro, type CodeMacro } from './code-macro.ts';
import { linkDestination, linkText, readConfluenceLink } from './confluence-link.ts';
import { convert } from './markdown-to-storage.ts';
import { isPlainTable } from './plain-table.ts';
import { readTaskList, taskLine } from './task-list.ts';

export type Snippet =
  | { kind: 'inline' | 'block'; storage: string }
  | { kind: 'code'; storage: string; macro: CodeMacro }
  /** Storage that reads as markdown of its own (links, task lists), checked to convert back exactly. */
  | { kind: 'markdown'; storage: string; markdown: string; block: boolean };

export interface ScanOptions {
  /** Storage → markdown for the content of a construct (a task's body, a table alone). */
  toMarkdown: (storage: string, options?: { trustTables?: boolean }) => string;
  /** Skip the round-trip check of tables (set while converting a table alone for that check). */
  trustTables?: boolean;
}

export interface ScannedStorage {
  /** HTML for turndown, with `<cw-ph>N</cw-ph>` where snippet N goes. */
  html: string;
  snippets: Snippet[];
}

/** Elements markdown expresses, with the attributes it can carry. */
const EXPRESSIBLE: Record<string, readonly string[]> = {
  p: [],
  h1: [],
  h2: [],
  h3: [],
  h4: [],
  h5: [],
  h6: [],
  blockquote: [],
  ul: [],
  ol: ['start'],
  li: [],
  strong: [],
  b: [],
  em: [],
  i: [],
  code: [],
  br: [],
  hr: [],
  del: [],
  s: [],
  a: ['href', 'title'],
  // Reached only inside a table isPlainTable accepted: a table that is not plain is kept whole.
  thead: [],
  tbody: [],
  tr: [],
  th: [],
  td: [],
};
/** Containers whose own tags are kept as raw blocks while their content is converted: page layouts. */
const TRANSPARENT = new Set(['ac:layout', 'ac:layout-section', 'ac:layout-cell']);
/** Parents in which a construct standing alone is a block, not part of a line of text. */
const BLOCK_PARENTS = new Set(['root', 'li', 'blockquote', ...TRANSPARENT]);
const INLINE_TAGS = new Set([
  'a',
  'strong',
  'b',
  'em',
  'i',
  'code',
  'br',
  'del',
  's',
  'span',
  'u',
  'sub',
  'sup',
]);

export function scanStorage(storage: string, options: ScanOptions): ScannedStorage {
  const document = parseDocument(storage, {
    xmlMode: true,
    decodeEntities: false,
    withStartIndices: true,
    withEndIndices: true,
  });
  const scan: Scan = { storage, out: [], snippets: [], tasks: 0, ...options };
  for (const node of document.children) visit(scan, node);
  return { html: scan.out.join(''), snippets: scan.snippets };
}

interface Scan {
  storage: string;
  out: string[];
  snippets: Snippet[];
  /** Tasks written as markdown so far: their ids default to their position (./task-list.ts). */
  tasks: number;
  toMarkdown: ScanOptions['toMarkdown'];
  trustTables?: boolean;
}

function visit(scan: Scan, node: AnyNode): void {
  if (node.type === 'text') {
    const inLayout = node.parent !== null && TRANSPARENT.has((node.parent as Element).name);
    if (!inLayout || !/^\s*$/.test(node.data)) scan.out.push(sourceOf(scan, node));
    else if (node.data !== '') setAside(scan, { kind: 'block', storage: node.data });
    return;
  }
  if (node.type !== 'tag') {
    // Comments, CDATA and processing instructions outside macros: kept, in place.
    setAside(scan, {
      kind: inBlockContext(node) ? 'block' : 'inline',
      storage: sourceOf(scan, node),
    });
    return;
  }
  if (TRANSPARENT.has(node.name) && node.children.length > 0) {
    copyTagsConvertChildren(scan, node, 'block');
    return;
  }
  const block = inBlockContext(node);
  if (isCodeMacro(node) && block) {
    const macro = readCodeMacro(node);
    if (macro && renderCodeMacro(macro) === sourceOf(scan, node)) {
      setAside(scan, { kind: 'code', storage: sourceOf(scan, node), macro });
      return;
    }
  }
  const readable = readableMarkdown(scan, node, block);
  if (readable) {
    setAside(scan, readable);
  } else if (!isExpressible(node) || !tableRoundTrips(scan, node)) {
    setAside(scan, { kind: block ? 'block' : 'inline', storage: sourceOf(scan, node) });
  } else if (node.children.length === 0) {
    scan.out.push(sourceOf(scan, node));
  } else {
    copyTagsConvertChildren(scan, node, 'html');
  }
}

/** The element's own tags as written (as HTML, or set aside as raw blocks for layouts); its content converted. */
function copyTagsConvertChildren(scan: Scan, element: Element, tags: 'html' | 'block'): void {
  const first = element.children[0]!;
  const last = element.children.at(-1)!;
  const open = scan.storage.slice(element.startIndex ?? 0, first.startIndex ?? 0);
  const close = scan.storage.slice((last.endIndex ?? 0) + 1, (element.endIndex ?? 0) + 1);
  if (tags === 'html') scan.out.push(open);
  else setAside(scan, { kind: 'block', storage: open });
  for (const child of element.children) visit(scan, child);
  if (tags === 'html') scan.out.push(close);
  else setAside(scan, { kind: 'block', storage: close });
}

function setAside(scan: Scan, snippet: Snippet): void {
  const last = scan.snippets.at(-1);
  // Adjacent raw blocks (a layout's closing and the next one's opening tags) make one fence.
  if (
    snippet.kind === 'block' &&
    last?.kind === 'block' &&
    scan.out.at(-1) === marker(scan.snippets.length - 1)
  ) {
    last.storage += snippet.storage;
    return;
  }
  scan.snippets.push(snippet);
  scan.out.push(marker(scan.snippets.length - 1));
}

function marker(index: number): string {
  return `<cw-ph>${index}</cw-ph>`;
}

function sourceOf(scan: Scan, node: AnyNode): string {
  return scan.storage.slice(node.startIndex ?? 0, (node.endIndex ?? -1) + 1);
}

/**
 * Page links, mentions and task lists as markdown, when converting that markdown back gives the
 * source byte for byte; `undefined` otherwise (the construct stays a placeholder).
 */
function readableMarkdown(scan: Scan, element: Element, block: boolean): Snippet | undefined {
  const storage = sourceOf(scan, element);
  if (element.name === 'ac:link') {
    const parent = element.parent as Element | null;
    if (block && parent?.name !== 'li') return undefined;
    const link = readConfluenceLink(element);
    if (!link) return undefined;
    const markdown = `[${escapeLinkText(linkText(link))}](<${linkDestination(link)}>)`;
    return convert(markdown, 0) === `<p>${storage}</p>`
      ? { kind: 'markdown', storage, markdown, block: false }
      : undefined;
  }
  if (element.name === 'ac:task-list' && block && !followsTaskList(scan)) {
    const tasks = readTaskList(element, (nodes) => sourceOfNodes(scan, nodes));
    if (!tasks) return undefined;
    const lines = tasks.map((task, index) =>
      taskLine(task, scan.toMarkdown(task.body), scan.tasks + index + 1),
    );
    const markdown = lines.join('\n');
    if (lines.some((line) => line.includes('\n'))) return undefined;
    if (convert(markdown, scan.tasks) !== storage) return undefined;
    scan.tasks += tasks.length;
    return { kind: 'markdown', storage, markdown, block: true };
  }
  return undefined;
}

/** Two task lists in a row would read as one list in markdown: the second stays storage. */
function followsTaskList(scan: Scan): boolean {
  const previous = scan.out.findLast((piece) => piece.trim() !== '');
  const snippet = scan.snippets.at(-1);
  return (
    previous === marker(scan.snippets.length - 1) && snippet?.kind === 'markdown' && snippet.block
  );
}

/** A table with Confluence's own attributes becomes GFM only when GFM gives it back exactly. */
function tableRoundTrips(scan: Scan, element: Element): boolean {
  if (element.name !== 'table' || Object.keys(element.attribs).length === 0) return true;
  if (scan.trustTables) return true;
  const storage = sourceOf(scan, element);
  return convert(scan.toMarkdown(storage, { trustTables: true }), 0) === storage;
}

/** Link text as markdown: the characters that would end or format it are escaped. */
function escapeLinkText(text: string): string {
  return text.replace(/[\\[\]*_`<>&!]/g, (char) => `\\${char}`);
}

function sourceOfNodes(scan: Scan, nodes: AnyNode[]): string {
  const first = nodes[0];
  const last = nodes.at(-1);
  if (!first || !last) return '';
  return scan.storage.slice(first.startIndex ?? 0, (last.endIndex ?? -1) + 1);
}

function isExpressible(element: Element): boolean {
  if (element.name === 'table') return isPlainTable(element);
  const allowed = EXPRESSIBLE[element.name];
  return (
    allowed !== undefined && Object.keys(element.attribs).every((name) => allowed.includes(name))
  );
}

/** A construct alone among block siblings, in a container of blocks, is a block. */
function inBlockContext(node: AnyNode): boolean {
  const parent = node.parent;
  const parentName =
    parent === null ? 'root' : parent.type === 'root' ? 'root' : (parent as Element).name;
  if (!BLOCK_PARENTS.has(parentName)) return false;
  const siblings = parent?.children ?? [];
  return siblings.every((sibling) =>
    sibling.type === 'text'
      ? /^\s*$/.test(sibling.data)
      : sibling.type !== 'tag' || !INLINE_TAGS.has(sibling.name),
  );
}
