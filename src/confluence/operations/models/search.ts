/**
 * CQL search results. The v1 search answer (`SearchPageResponseSearchResult`, `SearchResult`,
 * `Content`) nests the hit in expandable envelopes; the SDK flattens each hit into these DTOs.
 * Copied into confluence.d.ts.
 */
import type { Body } from './common.ts';
import type { User } from './people.ts';

/** A piece of content as search returns it (v1 `Content`, flattened). */
export interface ContentSummary {
  id: string;
  /** `page`, `blogpost`, `comment`, `attachment`, ... */
  type: string;
  status: string;
  title: string;
  spaceKey?: string;
  /** Current version number. */
  version?: number;
  /** Link to the content in the web UI, relative to the site's `/wiki`. */
  webui?: string;
  /** Present when a `bodyFormat` was asked for. */
  body?: Body;
}

/** A space as search returns it. */
export interface SpaceSummary {
  id?: string;
  key: string;
  name: string;
  type?: string;
}

/** One CQL search hit (v1 `SearchResult`, flattened). */
export interface SearchHit {
  /** `content`, `space` or `user`. */
  entityType: string;
  title: string;
  /** A highlighted excerpt of the match (see the `excerpt` option). */
  excerpt: string;
  /** Link relative to the site's `/wiki`. */
  url: string;
  /** ISO 8601 date-time. */
  lastModified?: string;
  content?: ContentSummary;
  space?: SpaceSummary;
  user?: User;
  /** Title of the space (or other container) the hit lives in. */
  container?: string;
}
