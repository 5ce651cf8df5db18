/**
 * Renders storage format to the `view` representation (HTML a browser shows): macros become HTML
 * (code → `<pre>`, info/note/warning/tip → panels, task lists → checkbox lists), links to pages
 * and users become anchors, the rest of the XHTML passes through.
 */
import {
  type ChildNode,
  type Element,
  VOID_ELEMENTS,
  attributes,
  child,
  escapeAttribute,
  escapeText,
  isElement,
  macroParameter,
  parseStorage,
  textOf,
} from './dom.ts';

export interface ViewOptions {
  /** Mount prefix for links (`/emulator`), '' when not mounted. */
  prefix: string;
  /** Display name for a user mention, when known. */
  userName?: (accountId: string) => string | undefined;
}

const PANEL_MACROS = new Set(['info', 'note', 'warning', 'tip', 'panel']);

/**
 * @example storageToView('<ac:structured-macro ac:name="code">…</ac:structured-macro>', { prefix: '' })
 */
export function storageToView(storage: string, options: ViewOptions): string {
  return render(parseStorage(storage), options);
}

function render(nodes: ChildNode[], options: ViewOptions): string {
  return nodes.map((node) => renderNode(node, options)).join('');
}

function renderNode(node: ChildNode, options: ViewOptions): string {
  if (node.type === 'text') return escapeText(node.data);
  if (node.type === 'cdata') return escapeText(textOf(node.children));
  if (!isElement(node)) return '';
  switch (node.name) {
    case 'ac:structured-macro':
    case 'ac:macro':
      return renderMacro(node, options);
    case 'ac:task-list':
      return `<ul class="inline-task-list">${render(node.children, options)}</ul>`;
    case 'ac:task': {
      const done = textOf(child(node, 'ac:task-status')?.children ?? []).trim() === 'complete';
      const id = textOf(child(node, 'ac:task-id')?.children ?? []).trim();
      const body = child(node, 'ac:task-body');
      return `<li${attributes({ class: done ? 'checked' : undefined, 'data-inline-task-id': id })}>${body ? render(body.children, options) : ''}</li>`;
    }
    case 'ac:link':
      return renderLink(node, options);
    case 'ac:image': {
      const attachment = child(node, 'ri:attachment')?.attribs['ri:filename'];
      const url = child(node, 'ri:url')?.attribs['ri:value'];
      return `<img class="confluence-embedded-image"${attributes({ src: url ?? attachment, alt: node.attribs['ac:alt'] })} />`;
    }
    case 'ac:emoticon':
      return `<span class="emoticon">${escapeText(node.attribs['ac:emoji-fallback'] ?? `:${node.attribs['ac:name'] ?? ''}:`)}</span>`;
    case 'ac:placeholder':
      return '';
    case 'time': {
      const datetime = node.attribs['datetime'] ?? '';
      return `<time datetime="${escapeAttribute(datetime)}">${escapeText(datetime)}</time>`;
    }
  }
  if (node.name.includes(':')) return render(node.children, options);
  const open = `<${node.name}${attributes(node.attribs)}`;
  if (VOID_ELEMENTS.has(node.name)) return `${open} />`;
  return `${open}>${render(node.children, options)}</${node.name}>`;
}

function renderMacro(macro: Element, options: ViewOptions): string {
  const name = macro.attribs['ac:name'] ?? '';
  const richBody = child(macro, 'ac:rich-text-body');
  const plainBody = child(macro, 'ac:plain-text-body');
  if (name === 'code' || name === 'noformat') {
    const language = macroParameter(macro, 'language') ?? 'text';
    const code = escapeText(textOf(plainBody?.children ?? []));
    return `<div class="code panel pdl"><div class="codeContent panelContent pdl"><pre class="syntaxhighlighter-pre" data-syntaxhighlighter-params="brush: ${escapeAttribute(language)}; gutter: false; theme: Confluence" data-theme="Confluence">${code}</pre></div></div>`;
  }
  if (PANEL_MACROS.has(name)) {
    const kind = name === 'info' ? 'information' : name;
    const title = macroParameter(macro, 'title');
    const heading = title ? `<p class="title">${escapeText(title)}</p>` : '';
    return `<div class="confluence-information-macro confluence-information-macro-${kind}">${heading}<div class="confluence-information-macro-body">${richBody ? render(richBody.children, options) : ''}</div></div>`;
  }
  if (richBody)
    return `<div class="conf-macro output-block" data-macro-name="${escapeAttribute(name)}">${render(richBody.children, options)}</div>`;
  if (plainBody) return `<pre>${escapeText(textOf(plainBody.children))}</pre>`;
  return `<span class="conf-macro output-inline" data-macro-name="${escapeAttribute(name)}"></span>`;
}

function renderLink(link: Element, options: ViewOptions): string {
  const body = child(link, 'ac:link-body') ?? child(link, 'ac:plain-text-link-body');
  const page = child(link, 'ri:page');
  const user = child(link, 'ri:user');
  if (user) {
    const accountId = user.attribs['ri:account-id'] ?? '';
    const name = options.userName?.(accountId) ?? accountId;
    return `<a class="confluence-userlink user-mention" data-account-id="${escapeAttribute(accountId)}" href="${options.prefix}/wiki/people/${encodeURIComponent(accountId)}">@${escapeText(name)}</a>`;
  }
  const title = page?.attribs['ri:content-title'] ?? textOf(link.children);
  const text = body ? render(body.children, options) : escapeText(title);
  const space = page?.attribs['ri:space-key'];
  const query = `title=${encodeURIComponent(title)}${space ? `&spaceKey=${encodeURIComponent(space)}` : ''}`;
  return `<a href="${options.prefix}/wiki/pages/viewpage.action?${escapeAttribute(query)}" data-linked-resource-type="page">${text}</a>`;
}
