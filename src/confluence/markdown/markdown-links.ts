/**
 * markdown-it rule: a link whose destination is `confluence-page:` or `confluence-user:` becomes
 * an `ac:link` (./confluence-link.ts). Only links whose text is plain text are converted; any
 * other stays an ordinary `<a>`.
 */
import type { MarkdownIt as Markdown, Token } from 'markdown-it';
import { parseDestination, renderConfluenceLink } from './confluence-link.ts';

export function addConfluenceLinks(md: Markdown): void {
  md.core.ruler.push('confluence_links', (state) => {
    for (const block of state.tokens) {
      if (block.type === 'inline' && block.children) {
        block.children = convertLinks(block.children, (content) => {
          const token = new state.Token('confluence_link', '', 0);
          token.content = content;
          return token;
        });
      }
    }
  });
  md.renderer.rules['confluence_link'] = (tokens, index) => tokens[index]!.content;
}

function convertLinks(children: Token[], linkToken: (storage: string) => Token): Token[] {
  const out: Token[] = [];
  for (let index = 0; index < children.length; index++) {
    const token = children[index]!;
    const close =
      token.type === 'link_open'
        ? children.findIndex((candidate, at) => at > index && candidate.type === 'link_close')
        : -1;
    const inner = close === -1 ? [] : children.slice(index + 1, close);
    const plain = inner.every((child) => child.type === 'text');
    const link =
      close !== -1 && plain
        ? parseDestination(
            String(token.attrGet('href') ?? ''),
            inner.map((child) => child.content).join(''),
          )
        : undefined;
    if (!link) {
      out.push(token);
      continue;
    }
    out.push(linkToken(renderConfluenceLink(link)));
    index = close;
  }
  return out;
}
