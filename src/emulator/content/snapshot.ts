/**
 * Which state of a content item a single GET shows: the current version, a historical version
 * (`version=`), or the draft (`get-draft=true`), filtered by the allowed statuses (`status=`).
 */
import type { EmulatorContext } from '../context.ts';
import { notFound } from '../http/errors.ts';
import type { ContentSnapshot } from './json.ts';
import type { ContentWithVersion } from './queries.ts';

export interface SnapshotOptions {
  getDraft: boolean;
  statuses: readonly string[];
  version: number | undefined;
  /** For messages: `page`, `blog post`. */
  label: string;
}

export function snapshotFor(
  context: EmulatorContext,
  row: ContentWithVersion,
  options: SnapshotOptions,
): ContentSnapshot {
  if (options.getDraft) {
    if (row.status === 'draft') return row;
    const draft = context.content.draft(row.id);
    if (!draft) throw notFound(`The ${options.label} ${row.id} has no draft`);
    return {
      ...row,
      title: draft.title,
      body: draft.body,
      adf: draft.adf,
      version_author_id: draft.author_id,
      version_created_at: draft.updated_at,
      shownStatus: 'draft',
    };
  }
  if (options.version !== undefined && options.version !== row.version) {
    const version = context.content.version(row.id, options.version);
    if (!version)
      throw notFound(`The ${options.label} ${row.id} has no version ${options.version}`);
    return {
      ...row,
      version: version.number,
      title: version.title,
      body: version.body,
      adf: version.adf,
      version_author_id: version.author_id,
      version_created_at: version.created_at,
      version_message: version.message,
      version_minor_edit: version.minor_edit,
      shownStatus: 'historical',
    };
  }
  if (!options.statuses.includes(row.status)) {
    throw notFound(
      `No ${options.label} found with id ${row.id} and status ${options.statuses.join(', ')}`,
    );
  }
  return row;
}
