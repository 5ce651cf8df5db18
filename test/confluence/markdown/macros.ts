/** The outermost `ac:`/`ri:`/`at:` constructs of a storage document, as their exact source text. */
import { parseDocument } from 'htmlparser2';
import type { AnyNode } from 'domhandler';

export function macrosOf(storage: string): string[] {
  const document = parseDocument(storage, {
    xmlMode: true,
    decodeEntities: false,
    withStartIndices: true,
    withEndIndices: true,
  });
  const found: string[] = [];
  const visit = (node: AnyNode) => {
    if (node.type === 'tag' && node.name.includes(':') && !node.name.startsWith('ac:layout')) {
      found.push(storage.slice(node.startIndex!, node.endIndex! + 1));
      return;
    }
    if ('children' in node) node.children.forEach(visit);
  };
  document.children.forEach(visit);
  return found;
}
