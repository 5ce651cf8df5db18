/**
 * markdown-it rules: a GFM table is written as Confluence writes a table itself:
 * `<table data-layout="default"><tbody>` with the header row's cells as `<th>` and each cell's
 * text in one `<p>` (no `<thead>`, which the Confluence editor never writes). Column alignment has
 * no storage equivalent without styles and is dropped.
 */
import type { MarkdownIt as Markdown } from 'markdown-it';

export function addConfluenceTables(md: Markdown): void {
  const rules = md.renderer.rules;
  rules['table_open'] = () => '<table data-layout="default"><tbody>';
  rules['table_close'] = () => '</tbody></table>';
  for (const section of ['thead', 'tbody']) {
    rules[`${section}_open`] = () => '';
    rules[`${section}_close`] = () => '';
  }
  for (const cell of ['th', 'td']) {
    rules[`${cell}_open`] = () => `<${cell}><p>`;
    rules[`${cell}_close`] = () => `</p></${cell}>`;
  }
}
