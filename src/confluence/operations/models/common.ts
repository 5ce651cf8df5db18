/**
 * Result types shared by many operations. This file is copied, as is, into the generated
 * sdk-stubs/confluence.d.ts (inside `declare namespace Confluence`), so it may only hold types.
 *
 * Conventions for every result (README, "SDK"): v2 entities are returned as Confluence sends them,
 * typed from the OpenAPI schemas (`PageBulk`, `SpaceBulk`, ...); v1 answers, which come wrapped in
 * expandable envelopes, are flattened into the small DTOs of people.ts and search.ts; every
 * listing becomes a {@link Paged} page.
 */

/** Any JSON value (content and space property values). */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * One page of a listing. To read the next page, call the same method again with the same filters
 * and `cursor: nextCursor`; `nextCursor` is absent on the last page. Or let `.all()` / `.iterate()`
 * follow the cursors for you.
 */
export interface Paged<T> {
  results: T[];
  /** Pass back as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
  /** Total number of matches, when Confluence reports it (CQL search only). */
  totalSize?: number;
}

/** Limits for `.all()`. */
export interface AllOptions {
  /** Stop after this many items (default 1000); `truncated` then says whether more remained. */
  max?: number;
}

/** What `.all()` returns: every item up to `max`, and whether the listing went on beyond it. */
export interface AllResult<T> {
  results: T[];
  /** True when more items remained after `max`: never a silent stop. */
  truncated: boolean;
}

/** A version stamp of a page, blog post, comment, attachment or property. */
export interface Version {
  number: number;
  message?: string;
  minorEdit?: boolean;
  /** Account id of the author of this version. */
  authorId?: string;
  /** ISO 8601 date-time. */
  createdAt?: string;
}

/** One body representation. */
export interface BodyValue {
  representation: string;
  /** The body text (for `atlas_doc_format`, a JSON document serialized as a string). */
  value: string;
}

/**
 * A body in the format(s) asked for with `bodyFormat`. `markdown` is produced by the SDK from the
 * storage format, with Confluence macros kept as placeholders so a round trip loses nothing.
 */
export interface Body {
  storage?: BodyValue;
  atlas_doc_format?: BodyValue;
  view?: BodyValue;
  export_view?: BodyValue;
  styled_view?: BodyValue;
  anonymous_export_view?: BodyValue;
  editor?: BodyValue;
  markdown?: BodyValue;
}

/** Content status values (`ContentStatus` in the v2 spec). */
export type ContentStatus =
  'current' | 'draft' | 'archived' | 'historical' | 'trashed' | 'deleted' | 'any';

/** Kinds of content that can be a page's parent or ancestor. */
export type ParentContentType = 'page' | 'whiteboard' | 'database' | 'embed' | 'folder';

/** Links Confluence attaches to content; relative to the site's `/wiki`. */
export interface ContentLinks {
  webui?: string;
  editui?: string;
  tinyui?: string;
}

/** An included sub-list (`includeLabels: true` and friends on single GETs). */
export interface IncludedList<T> {
  results: T[];
  meta?: { hasMore?: boolean; cursor?: string };
  _links?: { self?: string };
}

/** How many likes a page or blog post has. */
export interface LikeCount {
  count: number;
}

/** An operation the current user may perform on a piece of content. */
export interface PermittedOperation {
  /** E.g. `read`, `update`, `delete`. */
  operation: string;
  /** E.g. `page`, `blogpost`. */
  targetType: string;
}

/** The operations the current user may perform. */
export interface PermittedOperations {
  operations: PermittedOperation[];
}

/** A label on content or a space. */
export interface Label {
  id: string;
  name: string;
  /** `global`, `my`, `team` or `system`. */
  prefix: string;
}
