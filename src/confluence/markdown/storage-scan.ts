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
  const snippets: Snippet[] = [];
  const out: string[] = [];
  const source = (node: AnyNode) => storage.slice(node.startIndex ?? 0, (node.endIndex ?? -1) + 1);
  const marker = (snippet: Snippet) => {
    const last = snippets.at(-1);
    // Adjacent raw blocks (a layout's closing and the next one's opening tags) make one fence.
    if (
      snippet.kind === 'block' &&
      last?.kind === 'block' &&
      out.at(-1) === `<cw-ph>${snippets.length - 1}</cw-ph>`
    ) {
      last.storage += snippet.storage;
      return;
    }
    snippets.push(snippet);
    out.push(`<cw-ph>${snippets.length - 1}</cw-ph>`);
  };

  const visit = (node: AnyNode): void => {
    if (node.type === 'text') {
      if (
        node.parent &&
        TRANSPARENT.has((node.parent as Element).name) &&
        /^\s*$/.test(node.data)
      ) {
        if (node.data !== '') marker({ kind: 'block', storage: node.data });
        return;
      }
      out.push(source(node));
      return;
    }
    if (node.type !== 'tag') {
      // Comments, CDATA and processing instructions outside macros: kept, in place.
      marker({ kind: inBlockContext(node) ? 'block' : 'inline', storage: source(node) });
      return;
    }
    if (TRANSPARENT.has(node.name) && node.children.length > 0) {
      const first = node.children[0]!;
      const last = node.children.at(-1)!;
      marker({
        kind: 'block',
        storage: storage.slice(node.startIndex ?? 0, first.startIndex ?? 0),
      });
      node.children.forEach(visit);
      marker({
        kind: 'block',
        storage: storage.slice((last.endIndex ?? 0) + 1, (node.endIndex ?? 0) + 1),
      });
      return;
    }
    const block = inBlockContext(node);
    if (isCodeMacro(node) && block) {
      const macro = readCodeMacro(node);
      if (macro && renderCodeMacro(macro) === source(node)) {
        marker({ kind: 'code', storage: source(node), macro });
        return;
      }
    }
    if (!isExpressible(node)) {
      marker({ kind: block ? 'block' : 'inline', storage: source(node) });
      return;
    }
    // Copy the tags as written; convert the content.
    const first = node.children[0];
    if (!first) {
      out.push(source(node));
      return;
    }
    out.push(storage.slice(node.startIndex ?? 0, first.startIndex ?? 0));
    node.children.forEach(visit);
    out.push(storage.slice((node.children.at(-1)!.endIndex ?? 0) + 1, (node.endIndex ?? 0) + 1));
  };
  document.children.forEach(visit);
  return { html: out.join(''), snippets };
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
