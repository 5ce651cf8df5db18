/**
 * The web UI paths of content, as Confluence Cloud's v1 `_links.webui` and search `url` give them
 * (relative to `_links.base`): `/spaces/ENG/pages/65540/Incident+runbook`,
 * `/spaces/ENG/blog/2026/01/12/65551/Postmortem+search+outage`, a space homepage as
 * `/spaces/ENG/overview` (observed 2026), comments and attachments under their container.
 */
import type { ContentRow } from '../content/schema.ts';
import type { V1Helpers } from './v1-helpers.ts';

/**
 * The path `webui` of a content item.
 * @example webuiPath(helpers, page) // '/spaces/ENG/pages/65550/Incident+runbook'
 */
export function webuiPath(helpers: V1Helpers, row: ContentRow): string {
  const space = helpers.space(row.space_id);
  const key = space?.key ?? '';
  switch (row.type) {
    case 'page':
      if (space?.homepage_id === row.id) return `/spaces/${key}/overview`;
      return `/spaces/${key}/pages/${row.id}/${slug(row.title)}`;
    case 'blogpost': {
      const date = new Date(row.created_at).toISOString().slice(0, 10).replace(/-/g, '/');
      return `/spaces/${key}/blog/${date}/${row.id}/${slug(row.title)}`;
    }
    case 'comment': {
      const container = helpers.content(row.container_id);
      const on = container ? webuiPath(helpers, container) : `/spaces/${key}`;
      return `${on}?focusedCommentId=${row.id}#comment-${row.id}`;
    }
    case 'attachment': {
      const containerId = row.container_id ?? 0;
      const preview = encodeURIComponent(`/${containerId}/${row.id}/${row.title}`);
      return `/pages/viewpageattachments.action?pageId=${containerId}&preview=${preview}`;
    }
    default:
      return `/spaces/${key}/${row.type}/${row.id}`;
  }
}

/**
 * `/x/<code>`: the short link (same code as the v2 presenter uses).
 * @example tinyuiPath(page) // '/x/NjU1NTA'
 */
export function tinyuiPath(row: ContentRow): string {
  return `/x/${Buffer.from(String(row.id)).toString('base64url')}`;
}

/** `Q3 planning: budget` → `Q3+planning%3A+budget`. */
function slug(title: string): string {
  return encodeURIComponent(title.replace(/\s+/g, '+')).replace(/%2B/g, '+');
}
