/**
 * Converts atlas_doc_format to storage format, so content written in ADF can be read as storage
 * (and view) and is indexed for search. The inverse of storage-to-adf.ts for the nodes it knows;
 * unknown nodes keep their text.
 */
import type { AdfDocument, AdfMark, AdfNode } from './adf.ts';
import { escapeAttribute, escapeText } from './dom.ts';

const MARK_TAGS: Record<string, string> = {
  strong: 'strong',
  em: 'em',
  underline: 'u',
  strike: 's',
  code: 'code',
};
const PANEL_MACROS: Record<string, string> = {
  info: 'info',
  note: 'note',
  warning: 'warning',
  success: 'tip',
  error: 'warning',
};

/**
 * @example adfToStorage({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hi' }] }] }) // '<p>Hi</p>'
 */
export function adfToStorage(document: AdfDocument): string {
  return nodes(document.content);
}

function nodes(list: AdfNode[] | undefined): string {
  return (list ?? []).map(node).join('');
}

function node(current: AdfNode): string {
  const attrs = current.attrs ?? {};
  switch (current.type) {
    case 'paragraph':
      return `<p>${nodes(current.content)}</p>`;
    case 'heading':
      return `<h${clampLevel(attrs['level'])}>${nodes(current.content)}</h${clampLevel(attrs['level'])}>`;
    case 'bulletList':
      return `<ul>${nodes(current.content)}</ul>`;
    case 'orderedList':
      return `<ol>${nodes(current.content)}</ol>`;
    case 'listItem':
      return `<li>${nodes(current.content)}</li>`;
    case 'blockquote':
      return `<blockquote>${nodes(current.content)}</blockquote>`;
    case 'rule':
      return '<hr />';
    case 'hardBreak':
      return '<br />';
    case 'text':
      return marked(escapeText(current.text ?? ''), current.marks ?? []);
    case 'codeBlock': {
      const language =
        typeof attrs['language'] === 'string'
          ? `<ac:parameter ac:name="language">${escapeText(attrs['language'])}</ac:parameter>`
          : '';
      const code = (current.content ?? []).map((text) => text.text ?? '').join('');
      return `<ac:structured-macro ac:name="code" ac:schema-version="1">${language}<ac:plain-text-body><![CDATA[${code.replace(/]]>/g, ']]]]><![CDATA[>')}]]></ac:plain-text-body></ac:structured-macro>`;
    }
    case 'panel': {
      const name = PANEL_MACROS[String(attrs['panelType'])] ?? 'info';
      return `<ac:structured-macro ac:name="${name}" ac:schema-version="1"><ac:rich-text-body>${nodes(current.content)}</ac:rich-text-body></ac:structured-macro>`;
    }
    case 'table':
      return `<table data-layout="default"><tbody>${nodes(current.content)}</tbody></table>`;
    case 'tableRow':
      return `<tr>${nodes(current.content)}</tr>`;
    case 'tableHeader':
      return `<th>${nodes(current.content)}</th>`;
    case 'tableCell':
      return `<td>${nodes(current.content)}</td>`;
    case 'taskList':
      return `<ac:task-list>${nodes(current.content)}</ac:task-list>`;
    case 'taskItem':
      return `<ac:task><ac:task-id>${escapeText(String(attrs['localId'] ?? ''))}</ac:task-id><ac:task-status>${attrs['state'] === 'DONE' ? 'complete' : 'incomplete'}</ac:task-status><ac:task-body>${nodes(current.content)}</ac:task-body></ac:task>`;
    case 'mention':
      return `<ac:link><ri:user ri:account-id="${escapeAttribute(String(attrs['id'] ?? ''))}" /></ac:link>`;
    case 'date':
      return `<time datetime="${new Date(Number(attrs['timestamp'] ?? 0)).toISOString().slice(0, 10)}" />`;
    case 'emoji':
      return `<ac:emoticon ac:name="${escapeAttribute(String(attrs['shortName'] ?? ':smile:').replace(/:/g, ''))}" />`;
    case 'extension':
    case 'bodiedExtension': {
      const body = current.content
        ? `<ac:rich-text-body>${nodes(current.content)}</ac:rich-text-body>`
        : '';
      return `<ac:structured-macro ac:name="${escapeAttribute(String(attrs['extensionKey'] ?? 'unknown'))}" ac:schema-version="1">${body}</ac:structured-macro>`;
    }
    default:
      return nodes(current.content);
  }
}

function marked(html: string, marks: AdfMark[]): string {
  return marks.reduce((inner, mark) => {
    if (mark.type === 'link')
      return `<a href="${escapeAttribute(String(mark.attrs?.['href'] ?? ''))}">${inner}</a>`;
    if (mark.type === 'subsup') {
      const tag = mark.attrs?.['type'] === 'sup' ? 'sup' : 'sub';
      return `<${tag}>${inner}</${tag}>`;
    }
    const tag = MARK_TAGS[mark.type];
    return tag ? `<${tag}>${inner}</${tag}>` : inner;
  }, html);
}

function clampLevel(level: unknown): number {
  const value = Number(level);
  return Number.isInteger(value) && value >= 1 && value <= 6 ? value : 1;
}
