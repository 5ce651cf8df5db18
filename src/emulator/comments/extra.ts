/**
 * What a comment row keeps in `content.extra`: footer or inline, and for top-level inline
 * comments the resolution state and the highlighted text (openapi-v2 `InlineCommentModel`).
 */
import type { ContentRow } from '../content/schema.ts';

export type CommentLocation = 'footer' | 'inline';

/** openapi-v2 `InlineCommentResolutionStatus`. */
export const RESOLUTION_STATUSES = ['open', 'reopened', 'resolved', 'dangling'] as const;
export type ResolutionStatus = (typeof RESOLUTION_STATUSES)[number];

export interface CommentExtra {
  location: CommentLocation;
  /** Top-level inline comments only. */
  resolutionStatus?: ResolutionStatus;
  resolutionLastModifierId?: string;
  resolutionLastModifiedAt?: number; // ms since epoch
  /** The highlighted text and which of its matches (0-based) in the container's body. */
  inlineOriginalSelection?: string;
  inlineMarkerRef?: string;
  textSelectionMatchIndex?: number;
}

/** The extra of a comment row (a footer comment when absent or unreadable). */
export function commentExtra(row: Pick<ContentRow, 'extra'>): CommentExtra {
  if (!row.extra) return { location: 'footer' };
  try {
    const parsed = JSON.parse(row.extra) as Partial<CommentExtra>;
    return { ...parsed, location: parsed.location === 'inline' ? 'inline' : 'footer' };
  } catch {
    return { location: 'footer' };
  }
}
