/**
 * Parsing storage format (XHTML with `ac:`/`ri:` namespaced elements) into a DOM, and the small
 * helpers the converters share.
 *
 * No DOM is written back as it is, so dom-serializer (whose `render` writes a whole subtree the
 * way it was parsed) has nothing to take over: storage-to-view rewrites the tree while it walks
 * (a macro at any depth becomes other HTML, so even a plain `<p>` must render its children
 * through the converter), and adf-to-storage and wiki-to-storage build storage from ADF JSON and
 * wiki text, not from a DOM. What they share is escaping, which is entities' (below).
 */
import { escapeUTF8 } from 'entities';
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';

export type { ChildNode, Element } from 'domhandler';

/** Parses storage format; `xmlMode` keeps `ac:` names and CDATA sections intact. */
export function parseStorage(storage: string): ChildNode[] {
  return parseDocument(storage, { xmlMode: true, decodeEntities: true }).children;
}

export function isElement(node: ChildNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

/** The first child element named `name`. */
export function child(element: Element, name: string): Element | undefined {
  return element.children.find((node): node is Element => isElement(node) && node.name === name);
}

/** `<ac:parameter ac:name="language">js</ac:parameter>` → `js`. */
export function macroParameter(macro: Element, name: string): string | undefined {
  const parameter = macro.children.find(
    (node): node is Element =>
      isElement(node) && node.name === 'ac:parameter' && node.attribs['ac:name'] === name,
  );
  return parameter ? textOf(parameter.children) : undefined;
}

/** All the text below `nodes`, CDATA included. */
export function textOf(nodes: ChildNode[]): string {
  let text = '';
  for (const node of nodes) {
    if (node.type === 'text') text += node.data;
    else if (node.type === 'cdata' || isElement(node)) text += textOf(node.children);
  }
  return text;
}

/**
 * Escapes text and attribute values for storage format, which is XML: entities' escapeUTF8 covers
 * the five XML specials (`&<>"'`) and leaves other characters as they are. (Its escapeText and
 * escapeAttribute are HTML rules: `<` stays raw in attributes, which XML forbids.)
 */
export { escapeUTF8 as escapeText, escapeUTF8 as escapeAttribute };

/** ` a="1" b="2"` from an attribute map. */
export function attributes(attribs: Record<string, string | undefined>): string {
  return Object.entries(attribs)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeUTF8(value)}"`)
    .join('');
}

/** HTML elements written without a closing tag. */
export const VOID_ELEMENTS = new Set(['br', 'hr', 'img', 'col', 'input', 'meta', 'link', 'wbr']);
