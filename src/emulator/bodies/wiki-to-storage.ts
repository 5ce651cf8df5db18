/**
 * A small subset of Confluence wiki markup, enough for writes in the `wiki` representation:
 * headings (`h1.`), bullets (`*`), numbered items (`#`), `{code}` blocks and paragraphs.
 */
import { escapeText } from './dom.ts';

export function wikiToStorage(wiki: string): string {
  const output: string[] = [];
  const lines = wiki.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const code = /^\{code(?::(?:language=)?([\w+-]+))?\}$/.exec(line.trim());
    if (code) {
      const body: string[] = [];
      while (++index < lines.length && lines[index]!.trim() !== '{code}') body.push(lines[index]!);
      const language = code[1] ? `<ac:parameter ac:name="language">${code[1]}</ac:parameter>` : '';
      output.push(
        `<ac:structured-macro ac:name="code">${language}<ac:plain-text-body><![CDATA[${body.join('\n')}]]></ac:plain-text-body></ac:structured-macro>`,
      );
      continue;
    }
    const heading = /^h([1-6])\.\s+(.*)$/.exec(line);
    if (heading) output.push(`<h${heading[1]}>${escapeText(heading[2]!)}</h${heading[1]}>`);
    else if (/^[*#]\s+/.test(line)) {
      const tag = line.startsWith('#') ? 'ol' : 'ul';
      const items: string[] = [];
      while (index < lines.length && new RegExp(`^\\${line[0]}\\s+`).test(lines[index]!))
        items.push(`<li>${escapeText(lines[index++]!.replace(/^[*#]\s+/, ''))}</li>`);
      index--;
      output.push(`<${tag}>${items.join('')}</${tag}>`);
    } else if (line.trim() !== '') output.push(`<p>${escapeText(line)}</p>`);
  }
  return output.join('');
}
