/**
 * The v1 `Content` object (swagger.v3.json) of /content/search results and of `content` in
 * /search results, shaped as Cloud answers (observed 2025): `childTypes`, `macroRenderedOutput`
 * and `restrictions` as empty objects, everything not expanded listed in `_expandable`, and
 * `_links` {webui, self, tinyui}. Expansions: `space`, `version`, `history[.lastUpdated|
 * .previousVersion|.contributors|.ownedBy]`, `ancestors`, `container`, `body.<representation>`,
 * `metadata.labels`, `extensions`.
 */
import { type BodyFormat, SINGLE_BODY_FORMATS, renderBody } from '../bodies/index.ts';
import { labelJsonV1 } from '../labels/json.ts';
import type { ContentRow } from '../content/schema.ts';
import { TREE_TYPES } from '../cql/compile-content.ts';
import { versionJson, historyJson } from './content-history.ts';
import { tinyuiPath, webuiPath } from './content-links.ts';
import { type ExpandTree, expandTree, subtree } from './expand.ts';
import type { V1Helpers } from './v1-helpers.ts';

const NOTHING = expandTree([]);
/** Labels `metadata.labels` lists (Confluence's default page of labels). */
const MAX_METADATA_LABELS = 200;

type Expander = (helpers: V1Helpers, row: ContentRow, expand: ExpandTree) => unknown;

const EXPANDERS: Record<string, Expander> = {
  space: (helpers, row) => {
    const space = helpers.space(row.space_id);
    return space ? helpers.spaceJson(space) : undefined;
  },
  version: (helpers, row) => {
    const version = helpers.context.content.version(row.id, row.version);
    return version ? versionJson(helpers, row, version) : undefined;
  },
  history: historyJson,
  ancestors: (helpers, row) =>
    ancestorsOf(helpers, row).map((ancestor) => contentJsonV1(helpers, ancestor, NOTHING)),
  container: (helpers, row) => {
    const container = helpers.content(row.container_id);
    if (container) return contentJsonV1(helpers, container, NOTHING);
    const space = helpers.space(row.space_id);
    return space ? helpers.spaceJson(space) : undefined;
  },
  body: bodyJson,
  metadata: (helpers, row, expand) => {
    if (!expand.has('labels')) return undefined;
    const labels = helpers.store.labelsOf(row.id, helpers.accountId).slice(0, MAX_METADATA_LABELS);
    return {
      labels: {
        results: labels.map(labelJsonV1),
        start: 0,
        limit: MAX_METADATA_LABELS,
        size: labels.length,
        _links: { self: `${helpers.base}/rest/api/content/${row.id}/label` },
      },
      _expandable: { currentuser: '', properties: '', frontend: '' },
    };
  },
  extensions: (_helpers, row) => extensionsOf(row),
};

/**
 * @example contentJsonV1(helpers, row, expandTree(['body.storage', 'version']))
 */
export function contentJsonV1(
  helpers: V1Helpers,
  row: ContentRow,
  expand: ExpandTree,
): Record<string, unknown> {
  const space = helpers.space(row.space_id);
  const json: Record<string, unknown> = {
    id: String(row.id),
    type: row.type,
    status: row.status,
    title: row.title,
    childTypes: {},
    macroRenderedOutput: {},
    restrictions: {},
  };
  const expandable: Record<string, string> = {
    container: '',
    metadata: '',
    extensions: '',
    operations: '',
    children: '',
    history: `/rest/api/content/${row.id}/history`,
    ancestors: '',
    body: '',
    version: '',
    descendants: '',
    space: space ? `/rest/api/space/${space.key}` : '',
  };
  for (const [key, expander] of Object.entries(EXPANDERS)) {
    if (!expand.has(key)) continue;
    const value = expander(helpers, row, subtree(expand, key));
    if (value === undefined) continue;
    json[key] = value;
    delete expandable[key];
  }
  json['_expandable'] = expandable;
  json['_links'] = {
    webui: webuiPath(helpers, row),
    self: `${helpers.base}/rest/api/content/${row.id}`,
    tinyui: tinyuiPath(row),
  };
  return json;
}

/** The tree ancestors, root first (pages, whiteboards, folders, …; not a comment's thread). */
function ancestorsOf(helpers: V1Helpers, row: ContentRow): ContentRow[] {
  const ancestors: ContentRow[] = [];
  const seen = new Set([row.id]);
  let parent = (TREE_TYPES as readonly string[]).includes(row.type)
    ? helpers.content(row.parent_id)
    : undefined;
  while (parent && !seen.has(parent.id)) {
    ancestors.unshift(parent);
    seen.add(parent.id);
    parent = helpers.content(parent.parent_id);
  }
  return ancestors;
}

function bodyJson(
  helpers: V1Helpers,
  row: ContentRow,
  expand: ExpandTree,
): Record<string, unknown> | undefined {
  const formats = SINGLE_BODY_FORMATS.filter((format) => expand.has(format));
  if (formats.length === 0) return undefined;
  const stored = helpers.context.content.current(row) ?? { body: '', adf: null };
  const json: Record<string, unknown> = {};
  const userName = (accountId: string) => helpers.context.users.byId(accountId)?.display_name;
  for (const format of formats) {
    json[format] = {
      value: renderBody(stored, format as BodyFormat, { prefix: helpers.prefix, userName }),
      representation: format,
      embeddedContent: [],
      _expandable: { content: `/rest/api/content/${row.id}` },
    };
  }
  json['_expandable'] = Object.fromEntries(
    SINGLE_BODY_FORMATS.filter((format) => !expand.has(format)).map((format) => [format, '']),
  );
  return json;
}

/** Attachment facts (`mediaType`, `fileSize`, `comment`) from the row's type-specific fields. */
function extensionsOf(row: ContentRow): Record<string, unknown> {
  if (row.extra === null) return {};
  try {
    const extra = JSON.parse(row.extra) as Record<string, unknown>;
    const picked: Record<string, unknown> = {};
    for (const key of ['mediaType', 'fileSize', 'comment', 'location', 'resolution']) {
      if (extra[key] !== undefined) picked[key] = extra[key];
    }
    return picked;
  } catch {
    return {};
  }
}
