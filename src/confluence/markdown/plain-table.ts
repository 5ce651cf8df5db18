/**
 * Which storage tables become GFM tables: those a GFM table says completely. No attributes, no
 * `colgroup`, a first row of headers, every row the same width, and cells holding a line of text
 * (optionally in one `<p>`). Confluence's own tables carry layout attributes and widths, so they
 * stay storage (kept whole) rather than lose them.
 */
import type { AnyNode, Element } from 'domhandler';

const INLINE_CONTENT = new Set(['strong', 'b', 'em', 'i', 'code', 'a', 'del', 's', 'br']);

/** The one table attribute a GFM table stands for: Confluence's default layout (markdown-tables.ts writes it). */
const DEFAULT_LAYOUT = 'default';

export function isPlainTable(table: Element): boolean {
  const attributes = Object.entries(table.attribs);
  if (attributes.some(([name, value]) => name !== 'data-layout' || value !== DEFAULT_LAYOUT))
    return false;
  const rows: Element[] = [];
  for (const child of elementsOf(table)) {
    if (child.name === 'tr') rows.push(child);
    else if (
      (child.name === 'tbody' || child.name === 'thead') &&
      Object.keys(child.attribs).length === 0
    ) {
      for (const row of elementsOf(child)) {
        if (row.name !== 'tr') return false;
        rows.push(row);
      }
    } else return false;
  }
  if (rows.length === 0) return false;
  const cells = rows.map((row) => elementsOf(row));
  const width = cells[0]!.length;
  return (
    width > 0 &&
    cells[0]!.every((cell) => cell.name === 'th') &&
    rows.every(
      (row, index) => Object.keys(row.attribs).length === 0 && cells[index]!.length === width,
    ) &&
    cells.flat().every(isPlainCell)
  );
}

function isPlainCell(cell: Element): boolean {
  if ((cell.name !== 'th' && cell.name !== 'td') || Object.keys(cell.attribs).length > 0)
    return false;
  const children = cell.children.filter(
    (child) => !(child.type === 'text' && /^\s*$/.test(child.data)),
  );
  const only = children[0];
  if (
    children.length === 1 &&
    only?.type === 'tag' &&
    only.name === 'p' &&
    Object.keys(only.attribs).length === 0
  ) {
    return only.children.every(isInline);
  }
  return children.every(isInline);
}

function isInline(node: AnyNode): boolean {
  if (node.type === 'text') return true;
  if (node.type !== 'tag') return false;
  // Macros inside a cell travel as inline placeholders.
  if (node.name.includes(':')) return true;
  return INLINE_CONTENT.has(node.name) && node.children.every(isInline);
}

/** Element children, or `[]` when non-blank text sits directly among them (not a plain table). */
function elementsOf(parent: Element): Element[] {
  const elements: Element[] = [];
  for (const child of parent.children) {
    if (child.type === 'tag') elements.push(child);
    else if (!(child.type === 'text' && /^\s*$/.test(child.data))) return [];
  }
  return elements;
}
