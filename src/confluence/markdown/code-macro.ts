/**
 * The code macro ⇄ a fenced code block. The fence's info string carries the language and, in
 * braces, the macro's other attributes and parameters in their original order:
 * ```` ```python {title="Example" linenumbers="true" ac:macro-id="d8f3"} ````
 * A storage code macro becomes a fence only when rendering that fence gives back the very same
 * bytes; anything else (odd spacing, entities, rich bodies) stays a raw storage block.
 */
import type { Element } from 'domhandler';
import { textContent } from 'domutils';
import { decodeXML, escapeUTF8 } from 'entities';

export interface CodeMacro {
  language?: string;
  /** Macro element attributes besides `ac:name`, in order (`ac:schema-version`, `ac:macro-id`). */
  attributes: Array<[string, string]>;
  /** Parameters besides a leading `language`, in order (decoded text). */
  parameters: Array<[string, string]>;
  code: string;
}

/** Values that fit in `name="value"` inside an info string. */
const INFO_VALUE = /^[^"}\n`]*$/;

export function isCodeMacro(element: Element): boolean {
  return element.name === 'ac:structured-macro' && element.attribs['ac:name'] === 'code';
}

/** Reads a code macro element (parsed with `decodeEntities: false`); `undefined` if it has other content. */
export function readCodeMacro(element: Element): CodeMacro | undefined {
  const attributes = Object.entries(element.attribs).filter(([name]) => name !== 'ac:name');
  const parameters: Array<[string, string]> = [];
  let code: string | undefined;
  for (const child of element.children) {
    if (child.type === 'tag' && child.name === 'ac:parameter' && code === undefined) {
      parameters.push([child.attribs['ac:name'] ?? '', decodeXML(textContent(child))]);
    } else if (child.type === 'tag' && child.name === 'ac:plain-text-body' && code === undefined) {
      code = child.children.map((part) => textContent(part)).join('');
    } else return undefined;
  }
  if (code === undefined) return undefined;
  const values = [...attributes, ...parameters].map(([, value]) => value);
  if (!values.every((value) => INFO_VALUE.test(value))) return undefined;
  const [first, ...rest] = parameters;
  if (first?.[0] === 'language' && /^[^\s{]+$/.test(first[1])) {
    return { language: first[1], attributes, parameters: rest, code };
  }
  return { attributes, parameters, code };
}

export function codeMacroInfo(macro: CodeMacro): string {
  const pairs = [...macro.attributes, ...macro.parameters].map(
    ([name, value]) => `${name}="${value}"`,
  );
  const braces = pairs.length > 0 ? `{${pairs.join(' ')}}` : '';
  return [macro.language ?? '', braces].filter((part) => part !== '').join(' ');
}

/** Parses a fence's info string back; a plain language (` ```ts `) is the common case. */
export function parseCodeInfo(info: string, code: string): CodeMacro {
  const match = /^([^\s{]*)\s*(?:\{(.*)\})?\s*$/.exec(info.trim());
  const language = match?.[1] || undefined;
  const attributes: Array<[string, string]> = [];
  const parameters: Array<[string, string]> = [];
  for (const pair of (match?.[2] ?? '').matchAll(/([\w:.-]+)="([^"]*)"/g)) {
    const [, name = '', value = ''] = pair;
    (name.startsWith('ac:') ? attributes : parameters).push([name, value]);
  }
  return { ...(language ? { language } : {}), attributes, parameters, code };
}

/** The storage of a code macro; `]]>` inside the code is split across two CDATA sections. */
export function renderCodeMacro(macro: CodeMacro): string {
  const attributes = macro.attributes
    .map(([name, value]) => ` ${name}="${escapeUTF8(value)}"`)
    .join('');
  const parameters = [
    ...(macro.language ? [['language', macro.language] as [string, string]] : []),
    ...macro.parameters,
  ]
    .map(
      ([name, value]) =>
        `<ac:parameter ac:name="${escapeUTF8(name)}">${escapeUTF8(value)}</ac:parameter>`,
    )
    .join('');
  const cdata = macro.code.split(']]>').join(']]]]><![CDATA[>');
  return `<ac:structured-macro ac:name="code"${attributes}>${parameters}<ac:plain-text-body><![CDATA[${cdata}]]></ac:plain-text-body></ac:structured-macro>`;
}
