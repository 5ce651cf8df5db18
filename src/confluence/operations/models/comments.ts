/**
 * Footer and inline comments (v2 `FooterCommentModel`, `PageCommentModel`,
 * `PageInlineCommentModel`, `InlineCommentModel`). Copied into confluence.d.ts.
 */
import type { Body, ContentStatus, Version } from './common.ts';

/** A footer comment. Exactly one of its container ids is set. */
export interface FooterComment {
  id: string;
  status: ContentStatus;
  title: string;
  pageId?: string;
  blogPostId?: string;
  attachmentId?: string;
  customContentId?: string;
  /** Set on replies. */
  parentCommentId?: string;
  version: Version;
  body?: Body;
  _links?: { webui?: string };
}

/** Resolution state of an inline comment. */
export type InlineCommentResolutionStatus = 'open' | 'reopened' | 'resolved' | 'dangling';

/** An inline comment, anchored to a selection in the page. */
export interface InlineComment {
  id: string;
  status: ContentStatus;
  title: string;
  pageId?: string;
  blogPostId?: string;
  parentCommentId?: string;
  version: Version;
  body?: Body;
  resolutionStatus?: InlineCommentResolutionStatus;
  resolutionLastModifierId?: string;
  resolutionLastModifiedAt?: string;
  properties?: {
    /** The marker in the storage format that anchors the comment. */
    inlineMarkerRef?: string;
    /** The text the comment was made on. */
    inlineOriginalSelection?: string;
  };
  _links?: { webui?: string };
}
