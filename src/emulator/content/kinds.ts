/**
 * What differs between pages and blog posts on the v2 API (openapi-v2: getPages/getBlogPosts,
 * getPageById/getBlogPostById, ...): paths, allowed statuses and sorts, JSON shape, messages.
 * The shared routes in this folder take a kind; pages add their tree routes on top.
 */
import type { ContentPresenter, ContentSnapshot, PresentOptions } from './json.ts';
import type { ContentType } from './schema.ts';

export interface ContentKind {
  type: Extract<ContentType, 'page' | 'blogpost'>;
  /** The v2 collection: `/pages`, `/blogposts`. */
  collection: 'pages' | 'blogposts';
  /** The path parameter of the version-details and property routes: `page-id`, `blogpost-id`. */
  idParameter: 'page-id' | 'blogpost-id';
  /** The key of the owner in a version item (`PageVersion.page`, `BlogPostVersion.blogpost`). */
  versionOwnerKey: 'page' | 'blogpost';
  label: string;
  /** Words of the 409 message: "Version must be incremented when updating a page". */
  conflictNoun: string;
  listStatuses: readonly string[];
  defaultListStatuses: readonly string[];
  singleStatuses: readonly string[];
  /** Statuses a single GET shows without `status=`. */
  defaultSingleStatuses: readonly string[];
  sorts: readonly string[];
  present(
    presenter: ContentPresenter,
    row: ContentSnapshot,
    options: PresentOptions,
  ): Record<string, unknown>;
}

export const PAGE_KIND: ContentKind = {
  type: 'page',
  collection: 'pages',
  idParameter: 'page-id',
  versionOwnerKey: 'page',
  label: 'page',
  conflictNoun: 'page',
  listStatuses: ['current', 'archived', 'deleted', 'trashed'],
  // "By default, only current and archived pages are returned" (openapi-v2 getPages `status`).
  defaultListStatuses: ['current', 'archived'],
  singleStatuses: ['current', 'archived', 'trashed', 'deleted', 'historical', 'draft'],
  defaultSingleStatuses: ['current', 'archived'],
  sorts: [
    'id',
    '-id',
    'created-date',
    '-created-date',
    'modified-date',
    '-modified-date',
    'title',
    '-title',
  ],
  present: (presenter, row, options) => presenter.page(row, options),
};

export const BLOGPOST_KIND: ContentKind = {
  type: 'blogpost',
  collection: 'blogposts',
  idParameter: 'blogpost-id',
  versionOwnerKey: 'blogpost',
  label: 'blog post',
  conflictNoun: 'blogpost',
  listStatuses: ['current', 'deleted', 'trashed'],
  defaultListStatuses: ['current'],
  singleStatuses: ['current', 'trashed', 'deleted', 'historical', 'draft'],
  defaultSingleStatuses: ['current'],
  sorts: ['id', '-id', 'created-date', '-created-date', 'modified-date', '-modified-date'],
  present: (presenter, row, options) => presenter.blogpost(row, options),
};
