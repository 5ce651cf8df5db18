/**
 * Pages, blog posts, whiteboards, their versions and hierarchy: v2 entities as Confluence sends
 * them (OpenAPI v2 schemas `PageSingle`/`PageBulk`, `BlogPostSingle`/`BlogPostBulk`,
 * `WhiteboardSingle`, `ChildPage`, `Ancestor`, `PageVersion`, `DetailedVersion`,
 * `DescendantsResponse`), plus the SDK's own tree and move results. Copied into confluence.d.ts.
 */
import type {
  Body,
  ContentLinks,
  ContentStatus,
  IncludedList,
  Label,
  ParentContentType,
  PermittedOperation,
  Version,
} from './common.ts';
import type { ContentProperty } from './properties.ts';

/** A page (v2 `PageSingle` / `PageBulk`). */
export interface Page {
  id: string;
  status: ContentStatus;
  title: string;
  spaceId: string;
  /** The parent page (or folder, whiteboard...) id; absent for a space's root pages. */
  parentId?: string;
  parentType?: ParentContentType;
  /** Position among its siblings. */
  position?: number | null;
  /** Account id of the creator. */
  authorId: string;
  ownerId?: string | null;
  lastOwnerId?: string | null;
  /** `live` for live docs. */
  subtype?: string | null;
  /** ISO 8601 date-time. */
  createdAt: string;
  /** The current version (absent only when asked with `includeVersion: false`). */
  version: Version;
  /** Present when a `bodyFormat` was asked for. */
  body?: Body;
  labels?: IncludedList<Label>;
  properties?: IncludedList<ContentProperty>;
  operations?: IncludedList<PermittedOperation>;
  likes?: IncludedList<{ accountId: string }>;
  versions?: IncludedList<Version>;
  isFavoritedByCurrentUser?: boolean;
  _links?: ContentLinks;
}

/** Blog post statuses (`BlogPostContentStatus`). */
export type BlogPostStatus = 'current' | 'draft' | 'historical' | 'trashed' | 'deleted' | 'any';

/** A blog post (v2 `BlogPostSingle` / `BlogPostBulk`). */
export interface BlogPost {
  id: string;
  status: BlogPostStatus;
  title: string;
  spaceId: string;
  authorId: string;
  /** ISO 8601 date-time. */
  createdAt: string;
  /** The current version (absent only when asked with `includeVersion: false`). */
  version: Version;
  body?: Body;
  labels?: IncludedList<Label>;
  properties?: IncludedList<ContentProperty>;
  operations?: IncludedList<PermittedOperation>;
  likes?: IncludedList<{ accountId: string }>;
  versions?: IncludedList<Version>;
  isFavoritedByCurrentUser?: boolean;
  _links?: ContentLinks;
}

/** A whiteboard (v2 `WhiteboardSingle`). */
export interface Whiteboard {
  id: string;
  type?: string;
  status: ContentStatus;
  title: string;
  spaceId: string;
  parentId?: string;
  parentType?: ParentContentType;
  position?: number | null;
  authorId: string;
  ownerId?: string;
  /** ISO 8601 date-time. */
  createdAt: string;
  version: Version;
  _links?: { webui?: string; editui?: string };
}

/** A direct child page (v2 `ChildPage`). */
export interface ChildPage {
  id: string;
  status: 'current' | 'archived';
  title: string;
  spaceId: string;
  childPosition?: number | null;
}

/** One ancestor of a page (v2 `Ancestor`): only the id and the kind. */
export interface Ancestor {
  id: string;
  type: ParentContentType;
}

/** A page version in a listing (v2 `PageVersion`). */
export interface PageVersion extends Version {
  /** The page as of this version (body only when a `bodyFormat` was asked for). */
  page?: { id: string; title: string; body?: Body };
}

/** A blog post version in a listing (v2 `BlogPostVersion`). */
export interface BlogPostVersion extends Version {
  blogpost?: { id: string; title: string; body?: Body };
}

/** One version in detail (v2 `DetailedVersion`). */
export interface VersionDetails {
  number: number;
  authorId: string;
  message: string;
  /** ISO 8601 date-time. */
  createdAt: string;
  minorEdit: boolean;
  /** True when the content type changed in this version. */
  contentTypeModified?: boolean;
  /** Account ids of the collaborators on this version. */
  collaborators?: string[];
  prevVersion?: number;
  nextVersion?: number;
}

/** One node of {@link PageTree}: a descendant with its own children. */
export interface PageTreeNode {
  id: string;
  title: string;
  /** `page`, `whiteboard`, `database`, `embed` or `folder`. */
  type: string;
  status: string;
  parentId: string;
  /** 1 for a direct child. */
  depth: number;
  childPosition?: number | null;
  children: PageTreeNode[];
}

/** A page's descendants assembled into a tree (the SDK's own shape). */
export interface PageTree {
  /** The page whose descendants these are. */
  id: string;
  /** Its direct children, each with theirs, in Confluence's order. */
  children: PageTreeNode[];
  /** Nodes in the tree. */
  count: number;
  /** True when the tree was cut at `max` nodes: never a silent stop. */
  truncated: boolean;
}

/** Where a page was moved (v1 move answers only with the page id). */
export interface MoveResult {
  pageId: string;
  position: 'before' | 'after' | 'append';
  targetId: string;
}
