/**
 * `SearchResult` wrappers of /wiki/rest/api/search (swagger.v3.json), shaped as Cloud answers
 * (observed 2025-26): `entityType` `content` with the `content` object, or `space` with the
 * `space` object; `title` and `excerpt` escaped and highlighted (excerpt.ts); `url` equal to the
 * content's `_links.webui`; `resultGlobalContainer` {space name, `/spaces/KEY`};
 * `resultParentContainer` for comments and attachments; `breadcrumbs` empty; `score` 0.
 */
import type { ContentRow } from '../content/schema.ts';
import type { SpaceRow } from '../spaces/store.ts';
import { contentJsonV1 } from './content-json.ts';
import { webuiPath } from './content-links.ts';
import { type ExcerptStrategy, escapeHtml, resultText } from './excerpt.ts';
import { type ExpandTree, subtree } from './expand.ts';
import { friendlyDate } from './friendly-date.ts';
import type { V1Helpers } from './v1-helpers.ts';

/** What the FTS5 index says about a result: highlighted title and snippet, and its plain text. */
export interface TextFacts {
  highlightedTitle: string | undefined;
  snippet: string | undefined;
  text: string;
}

/**
 * @example contentResult(helpers, row, expandTree(['content.space']), 'highlight', facts)
 */
export function contentResult(
  helpers: V1Helpers,
  row: ContentRow,
  expand: ExpandTree,
  strategy: ExcerptStrategy,
  facts: TextFacts,
): Record<string, unknown> {
  const { title, excerpt } = resultText(strategy, { title: row.title, ...facts });
  const url = webuiPath(helpers, row);
  const result: Record<string, unknown> = {
    content: contentJsonV1(helpers, row, subtree(expand, 'content')),
    title,
    excerpt,
    url,
  };
  const container = helpers.content(row.container_id);
  if (container) {
    result['resultParentContainer'] = {
      title: escapeHtml(container.title),
      displayUrl: webuiPath(helpers, container),
    };
  }
  const space = helpers.space(row.space_id);
  if (space)
    result['resultGlobalContainer'] = {
      title: escapeHtml(space.name),
      displayUrl: `/spaces/${space.key}`,
    };
  return {
    ...result,
    breadcrumbs: [],
    entityType: 'content',
    iconCssClass: `aui-icon content-type-${row.type}`,
    lastModified: new Date(row.updated_at).toISOString(),
    friendlyLastModified: friendlyDate(row.updated_at, helpers.now, helpers.timeZone),
    score: 0,
  };
}

/**
 * @example spaceResult(helpers, context.spaces.byKey('ENG')!, 'highlight')
 */
export function spaceResult(
  helpers: V1Helpers,
  space: SpaceRow,
  strategy: ExcerptStrategy,
): Record<string, unknown> {
  const { title, excerpt } = resultText(strategy, {
    title: space.name,
    highlightedTitle: undefined,
    snippet: undefined,
    text: space.description,
  });
  return {
    space: helpers.spaceJson(space),
    title,
    excerpt,
    url: `/spaces/${space.key}`,
    breadcrumbs: [],
    entityType: 'space',
    iconCssClass: 'aui-icon content-type-space',
    lastModified: new Date(space.created_at).toISOString(),
    friendlyLastModified: friendlyDate(space.created_at, helpers.now, helpers.timeZone),
    score: 0,
  };
}
