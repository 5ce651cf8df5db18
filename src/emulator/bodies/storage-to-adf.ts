/**
 * Converts storage format to atlas_doc_format: paragraphs, headings, lists, links, marks, code
 * macros, tables, panels, task lists, mentions, dates and rules; other macros become extensions.
 */
import type { AdfDocument, AdfMark, AdfNode } from './adf.ts';
import { ADF_BLOCKS } from './adf.ts';
import {
  type ChildNode,
  type Element,
  child,
  isElement,
  macroParameter,
  parseStorage,
  textOf,
} from './dom.ts';

const MARKS: Record<string, AdfMark> = {
  strong: { type: 'strong' },
  b: { type: 'strong' },
  em: { type: 'em' },
  i: { type: 'em' },
  u: { type: 'underline' },
  s: { type: 'strike' },
  del: { type: 'strike' },
  code: { type: 'code' },
  sub: { type: 'subsup', attrs: { type: 'sub' } },
  sup: { type: 'subsup', attrs: { type: 'sup' } },
};
const PANEL_TYPES: Record<string, string> = {
  info: 'info',
  note: 'note',
  warning: 'warning',
  tip: 'success',
  panel: 'info',
};

/**
 * @example storageToAdf('<p>Hi</p>') // { type: 'doc', version: 1, content: [{ type: 'paragraph', … }] }
 */
export function storageToAdf(storage: string): AdfDocument {
  return { type: 'doc', version: 1, content: blocks(parseStorage(storage)) };
}

/** Block content: runs of inline nodes are gathered into paragraphs. */
function blocks(nodes: ChildNode[]): AdfNode[] {
  const result: AdfNode[] = [];
  let run: AdfNode[] = [];
  const flush = () => {
    if (run.some((node) => node.type !== 'text' || node.text!.trim() !== ''))
      result.push({ type: 'paragraph', content: run });
    run = [];
  };
  for (const node of nodes) {
    const converted = isElement(node) ? block(node) : undefined;
    if (converted) {
      flush();
      result.push(...converted);
    } else run.push(...inline([node], []));
  }
  flush();
  return result;
}

/** The ADF blocks for a block-level element, or undefined when it is inline. */
function block(element: Element): AdfNode[] | undefined {
  const name = element.name;
  if (name === 'p') return [{ type: 'paragraph', content: inline(element.children, []) }];
  if (/^h[1-6]$/.test(name))
    return [
      { type: 'heading', attrs: { level: Number(name[1]) }, content: inline(element.children, []) },
    ];
  if (name === 'ul' || name === 'ol') {
    const items = element.children.filter(isElement).filter((item) => item.name === 'li');
    return [
      {
        type: name === 'ul' ? 'bulletList' : 'orderedList',
        content: items.map((item) => ({ type: 'listItem', content: blocks(item.children) })),
      },
    ];
  }
  if (name === 'blockquote') return [{ type: 'blockquote', content: blocks(element.children) }];
  if (name === 'hr') return [{ type: 'rule' }];
  if (name === 'pre') return [codeBlock(textOf(element.children))];
  if (name === 'table') return [table(element)];
  if (name === 'tbody' || name === 'thead' || name === 'div') return blocks(element.children);
  if (name === 'ac:task-list') return [taskList(element)];
  if (name === 'ac:structured-macro' || name === 'ac:macro') return [macro(element)];
  if (ADF_BLOCKS.has(name)) return [];
  return undefined;
}

function inline(nodes: ChildNode[], marks: AdfMark[]): AdfNode[] {
  const result: AdfNode[] = [];
  for (const node of nodes) {
    if (node.type === 'text') {
      if (node.data !== '')
        result.push({ type: 'text', text: node.data, ...(marks.length ? { marks } : {}) });
    } else if (node.type === 'cdata') result.push(...inline(node.children, marks));
    else if (isElement(node)) result.push(...inlineElement(node, marks));
  }
  return result;
}

function inlineElement(element: Element, marks: AdfMark[]): AdfNode[] {
  const mark = MARKS[element.name];
  if (mark) return inline(element.children, [...marks, mark]);
  if (element.name === 'a')
    return inline(element.children, [
      ...marks,
      { type: 'link', attrs: { href: element.attribs['href'] ?? '' } },
    ]);
  if (element.name === 'br') return [{ type: 'hardBreak' }];
  if (element.name === 'time')
    return [
      {
        type: 'date',
        attrs: { timestamp: String(Date.parse(element.attribs['datetime'] ?? '') || 0) },
      },
    ];
  if (element.name === 'ac:link') {
    const user = child(element, 'ri:user');
    if (user) return [{ type: 'mention', attrs: { id: user.attribs['ri:account-id'] ?? '' } }];
    const title = child(element, 'ri:page')?.attribs['ri:content-title'] ?? '';
    const body = child(element, 'ac:link-body') ?? child(element, 'ac:plain-text-link-body');
    const text = body ? textOf(body.children) : title;
    return [
      {
        type: 'text',
        text,
        marks: [
          ...marks,
          {
            type: 'link',
            attrs: { href: `/wiki/pages/viewpage.action?title=${encodeURIComponent(title)}` },
          },
        ],
      },
    ];
  }
  if (element.name === 'ac:emoticon')
    return [{ type: 'emoji', attrs: { shortName: `:${element.attribs['ac:name'] ?? 'smile'}:` } }];
  return inline(element.children, marks);
}

function codeBlock(code: string, language?: string): AdfNode {
  return {
    type: 'codeBlock',
    ...(language ? { attrs: { language } } : {}),
    content: code === '' ? [] : [{ type: 'text', text: code }],
  };
}

function table(element: Element): AdfNode {
  const rows: Element[] = [];
  const collect = (parent: Element) =>
    parent.children
      .filter(isElement)
      .forEach((node) => (node.name === 'tr' ? rows.push(node) : collect(node)));
  collect(element);
  return {
    type: 'table',
    attrs: { isNumberColumnEnabled: false, layout: 'default' },
    content: rows.map((row) => ({
      type: 'tableRow',
      content: row.children.filter(isElement).map((cell) => ({
        type: cell.name === 'th' ? 'tableHeader' : 'tableCell',
        content: cellContent(blocks(cell.children)),
      })),
    })),
  };
}

function cellContent(content: AdfNode[]): AdfNode[] {
  return content.length > 0 ? content : [{ type: 'paragraph', content: [] }];
}

function taskList(element: Element): AdfNode {
  const tasks = element.children.filter(isElement).filter((node) => node.name === 'ac:task');
  return {
    type: 'taskList',
    attrs: {
      localId: `task-list-${textOf(child(tasks[0]!, 'ac:task-id')?.children ?? []) || '0'}`,
    },
    content: tasks.map((task) => ({
      type: 'taskItem',
      attrs: {
        localId: textOf(child(task, 'ac:task-id')?.children ?? []).trim(),
        state:
          textOf(child(task, 'ac:task-status')?.children ?? []).trim() === 'complete'
            ? 'DONE'
            : 'TODO',
      },
      content: inline(child(task, 'ac:task-body')?.children ?? [], []),
    })),
  };
}

function macro(element: Element): AdfNode {
  const name = element.attribs['ac:name'] ?? '';
  const richBody = child(element, 'ac:rich-text-body');
  if (name === 'code' || name === 'noformat')
    return codeBlock(
      textOf(child(element, 'ac:plain-text-body')?.children ?? []),
      macroParameter(element, 'language'),
    );
  if (PANEL_TYPES[name])
    return {
      type: 'panel',
      attrs: { panelType: PANEL_TYPES[name] },
      content: blocks(richBody?.children ?? []),
    };
  const attrs = { extensionType: 'com.atlassian.confluence.macro.core', extensionKey: name };
  return richBody
    ? { type: 'bodiedExtension', attrs, content: blocks(richBody.children) }
    : { type: 'extension', attrs };
}
