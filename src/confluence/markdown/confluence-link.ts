/**
 * Links to Confluence pages and user mentions, readable in markdown:
 * - `<ac:link><ri:page ri:content-title="Q3 budget" /></ac:link>` is `[Q3 budget](<confluence-page:Q3 budget>)`;
 *   with a space key `<confluence-page:Q3 budget?space=MKT>`; with link text other than the title,
 *   that text in the brackets (stored as `ac:plain-text-link-body`);
 * - `<ac:link><ri:user ri:account-id="557058:ab" /></ac:link>` is `[@557058:ab](<confluence-user:557058:ab>)`.
 * Only the canonical storage forms are read this way (storage-scan checks that rendering the link
 * again gives its source byte for byte); any other `ac:link` stays a placeholder, so the round trip
 * stays lossless. In a destination, `%`, `?`, `<`, `>` and line breaks of a title are percent-encoded.
 */
import type { Element } from 'domhandler';
import { decodeXML, escapeUTF8 } from 'entities';

export const PAGE_SCHEME = 'confluence-page:';
export const USER_SCHEME = 'confluence-user:';

export type ConfluenceLink =
  | { kind: 'page'; title: string; spaceKey?: string; text?: string }
  | { kind: 'user'; accountId: string };

/** The link an `ac:link` element holds, when it is one of the two forms above. */
export function readConfluenceLink(element: Element): ConfluenceLink | undefined {
  if (element.name !== 'ac:link' || Object.keys(element.attribs).length > 0) return undefined;
  const [target, body, ...rest] = element.children;
  if (rest.length > 0 || target?.type !== 'tag') return undefined;
  if (target.name === 'ri:user' && body === undefined) {
    const accountId = target.attribs['ri:account-id'];
    return accountId === undefined ? undefined : { kind: 'user', accountId: decodeXML(accountId) };
  }
  if (target.name !== 'ri:page') return undefined;
  const title = target.attribs['ri:content-title'];
  if (title === undefined) return undefined;
  const spaceKey = target.attribs['ri:space-key'];
  const link: ConfluenceLink = {
    kind: 'page',
    title: decodeXML(title),
    ...(spaceKey === undefined ? {} : { spaceKey: decodeXML(spaceKey) }),
  };
  if (body === undefined) return link;
  if (body.type !== 'tag' || body.name !== 'ac:plain-text-link-body') return undefined;
  const [cdata, ...more] = body.children;
  if (more.length > 0 || cdata?.type !== 'cdata') return undefined;
  const [text] = cdata.children;
  return text?.type === 'text' ? { ...link, text: text.data } : undefined;
}

/** The canonical storage of a link. */
export function renderConfluenceLink(link: ConfluenceLink): string {
  if (link.kind === 'user')
    return `<ac:link><ri:user ri:account-id="${escapeUTF8(link.accountId)}" /></ac:link>`;
  const space = link.spaceKey === undefined ? '' : ` ri:space-key="${escapeUTF8(link.spaceKey)}"`;
  const body =
    link.text === undefined
      ? ''
      : `<ac:plain-text-link-body><![CDATA[${link.text.split(']]>').join(']]]]><![CDATA[>')}]]></ac:plain-text-link-body>`;
  return `<ac:link><ri:page${space} ri:content-title="${escapeUTF8(link.title)}" />${body}</ac:link>`;
}

/** The markdown destination of a link (without its angle brackets). */
export function linkDestination(link: ConfluenceLink): string {
  if (link.kind === 'user') return `${USER_SCHEME}${encodePart(link.accountId)}`;
  const space = link.spaceKey === undefined ? '' : `?space=${encodePart(link.spaceKey)}`;
  return `${PAGE_SCHEME}${encodePart(link.title)}${space}`;
}

/** The text a link shows in markdown. */
export function linkText(link: ConfluenceLink): string {
  return link.kind === 'user' ? `@${link.accountId}` : (link.text ?? link.title);
}

/**
 * The link a markdown destination names (as markdown-it hands it over: percent-encoded), with the
 * link's text; `undefined` for any other destination.
 */
export function parseDestination(href: string, text: string): ConfluenceLink | undefined {
  const decoded = safeDecode(href);
  if (decoded === undefined) return undefined;
  if (decoded.startsWith(USER_SCHEME)) {
    const accountId = decoded.slice(USER_SCHEME.length);
    return accountId === '' ? undefined : { kind: 'user', accountId };
  }
  if (!decoded.startsWith(PAGE_SCHEME)) return undefined;
  // The space key is the part after the last `?space=`; `?` inside a title is encoded.
  const raw = href.slice(PAGE_SCHEME.length);
  const query = raw.lastIndexOf('?space=');
  const title = safeDecode(query === -1 ? raw : raw.slice(0, query));
  const spaceKey = query === -1 ? undefined : safeDecode(raw.slice(query + '?space='.length));
  if (title === undefined || title === '') return undefined;
  return {
    kind: 'page',
    title,
    ...(spaceKey ? { spaceKey } : {}),
    ...(text === title ? {} : { text }),
  };
}

function encodePart(value: string): string {
  return value.replace(
    /[%?<>\r\n]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
