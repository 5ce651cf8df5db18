/**
 * The first step of storage → markdown: find what markdown cannot express and set it aside.
 * Storage is parsed as XML (htmlparser2: CDATA and `ac:`/`ri:` names intact, source offsets on
 * every node); what markdown can say is copied to plain HTML for turndown, and every other
 * construct is replaced by a `<cw-ph>` marker whose {@link Snippet} keeps its exact source.
 */
import type { AnyNode, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { isCodeMacro, readCodeMacro, renderCodeMacro, type CodeMacro } from './code-macro.ts';
import { isPlainTable } from './plain-table.ts';

export type Snippet =
  | { kind: 'inline' | 'block'; storage: string }
  | { kind: 'code'; storage: string; macro: CodeMacro };

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

export function scanStorage(storage: string): ScannedStorage {
  const document = parseDocument(storage, {
    xmlMode: true,
    decodeEntities: false,
    withStartIndices: true,
    withEndIndices: true,
  });
  const scan: Scan = { storage, out: [], snippets: [] };
  for (const node of document.children) visit(scan, node);
  return { html: scan.out.join(''), snippets: scan.snippets };
}

interface Scan {
  storage: string;
  out: string[];
  snippets: Snippet[];
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
  if (!isExpressible(node)) {
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
