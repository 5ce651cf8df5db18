/**
 * The text an inline comment highlights (openapi-v2 `CreateInlineCommentModel.inlineCommentProperties`):
 * it must occur in the page or blog post, `textSelectionMatchCount` (when given) is how often it
 * occurs, and `textSelectionMatchIndex` (0-based, default 0) picks one occurrence.
 */
import { createHash } from 'node:crypto';
import { storageToText } from '../bodies/text.ts';
import { invalidParameter } from '../http/errors.ts';

export interface TextSelection {
  textSelection: string;
  textSelectionMatchCount?: number | undefined;
  textSelectionMatchIndex?: number | undefined;
}

const FIELD = 'body.inlineCommentProperties';

/** Non-overlapping occurrences of `needle` in the text of a storage body. */
export function countOccurrences(storage: string, needle: string): number {
  const text = storageToText(storage);
  let count = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length))
    count += 1;
  return count;
}

/** @returns the match index to record. */
export function checkSelection(storage: string, selection: TextSelection): number {
  const count = countOccurrences(storage, selection.textSelection);
  if (count === 0)
    throw invalidParameter(
      `${FIELD}.textSelection`,
      `${FIELD}.textSelection "${selection.textSelection}" does not occur in the content`,
    );
  if (
    selection.textSelectionMatchCount !== undefined &&
    selection.textSelectionMatchCount !== count
  )
    throw invalidParameter(
      `${FIELD}.textSelectionMatchCount`,
      `${FIELD}.textSelectionMatchCount is ${selection.textSelectionMatchCount} but the text occurs ${count} time(s)`,
    );
  const index = selection.textSelectionMatchIndex ?? 0;
  if (index >= count)
    throw invalidParameter(
      `${FIELD}.textSelectionMatchIndex`,
      `${FIELD}.textSelectionMatchIndex must be below ${count} (the number of matches); got ${index}`,
    );
  return index;
}

/** A stable marker reference (UUID-shaped) for the highlight of comment `commentId`. */
export function markerRef(commentId: number): string {
  const hex = createHash('sha256').update(`inline-comment:${commentId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
