/**
 * Plain text of a storage-format body, for the full-text index: the words a reader sees, macro
 * parameters left out, code and task bodies kept.
 */
import { parseDocument } from 'htmlparser2';
import type { ChildNode } from 'domhandler';

/** Elements whose text is configuration, not content. */
const HIDDEN_ELEMENTS = new Set([
  'ac:parameter',
  'ri:attachment',
  'ri:page',
  'ri:user',
  'style',
  'script',
]);
/** Elements that separate words. */
const BLOCK_ELEMENTS =
  /^(p|h[1-6]|li|td|th|tr|div|br|pre|blockquote|ac:task|ac:plain-text-body|ac:rich-text-body)$/;

/**
 * @example storageToText('<h1>Plan</h1><p>Ship <b>it</b></p>') // 'Plan Ship it'
 */
export function storageToText(storage: string): string {
  if (storage === '') return '';
  const document = parseDocument(storage, { xmlMode: true, decodeEntities: true });
  const parts: string[] = [];
  collect(document.children, parts);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

function collect(nodes: ChildNode[], parts: string[]): void {
  for (const node of nodes) {
    if (node.type === 'text' || node.type === 'cdata') {
      if (node.type === 'text') parts.push(node.data);
      else collect(node.children, parts);
    } else if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
      if (HIDDEN_ELEMENTS.has(node.name)) continue;
      const block = BLOCK_ELEMENTS.test(node.name);
      if (block) parts.push(' ');
      collect(node.children, parts);
      if (block) parts.push(' ');
    }
  }
}
