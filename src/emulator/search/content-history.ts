/**
 * The v1 `Version` and `ContentHistory` objects of a content item (swagger.v3.json), for
 * `expand=version` and `expand=history[.lastUpdated|.previousVersion|.contributors]`.
 */
import type { ContentRow, VersionRow } from '../content/schema.ts';
import { type ExpandTree } from './expand.ts';
import { friendlyDate } from './friendly-date.ts';
import type { V1Helpers } from './v1-helpers.ts';

/**
 * @example versionJson(helpers, row, context.content.version(row.id, row.version)!)
 */
export function versionJson(
  helpers: V1Helpers,
  row: ContentRow,
  version: VersionRow,
): Record<string, unknown> {
  return {
    by: helpers.user(version.author_id),
    when: new Date(version.created_at).toISOString(),
    friendlyWhen: friendlyDate(version.created_at, helpers.now, helpers.timeZone),
    message: version.message,
    number: version.number,
    minorEdit: version.minor_edit === 1,
    contentTypeModified: false,
    _expandable: { collaborators: '', content: `/rest/api/content/${row.id}` },
    _links: { self: `${helpers.base}/rest/api/content/${row.id}/version/${version.number}` },
  };
}

/**
 * `history`, with the sub-expansions asked for.
 * @example historyJson(helpers, row, expandTree(['lastUpdated']))
 */
export function historyJson(
  helpers: V1Helpers,
  row: ContentRow,
  expand: ExpandTree,
): Record<string, unknown> {
  const expandable: Record<string, string> = {
    lastUpdated: '',
    previousVersion: '',
    contributors: '',
    nextVersion: '',
    ownedBy: '',
    lastOwnedBy: '',
  };
  const json: Record<string, unknown> = {
    latest: true,
    createdBy: helpers.user(row.author_id),
    createdDate: new Date(row.created_at).toISOString(),
  };
  const version = (number: number) => helpers.context.content.version(row.id, number);
  if (expand.has('lastUpdated')) {
    const current = version(row.version);
    if (current) json['lastUpdated'] = versionJson(helpers, row, current);
  }
  if (expand.has('previousVersion')) {
    const previous = row.version > 1 ? version(row.version - 1) : undefined;
    if (previous) json['previousVersion'] = versionJson(helpers, row, previous);
  }
  if (expand.has('contributors')) {
    const authors = [
      ...new Set(helpers.context.queries.versions(row.id).map((item) => item.author_id)),
    ];
    json['contributors'] = {
      publishers: { users: authors.map(helpers.user), userAccountIds: authors },
    };
  }
  if (expand.has('ownedBy') && row.owner_id) json['ownedBy'] = helpers.user(row.owner_id);
  // The current version has no next one: Confluence leaves nextVersion out for it.
  for (const key of ['lastUpdated', 'previousVersion', 'contributors', 'ownedBy', 'nextVersion']) {
    if (expand.has(key)) delete expandable[key];
  }
  json['_expandable'] = expandable;
  json['_links'] = { self: `${helpers.base}/rest/api/content/${row.id}/history` };
  return json;
}
