/**
 * The content-write hook. Every write through the content store emits one event, synchronously,
 * inside the write's transaction: a listener sees the committed-to-be state, may write its own
 * tables (tasks re-derived from a page body, ...), and by throwing rolls the whole write back.
 */
import type { ContentRow } from './schema.ts';

export type ContentWriteKind =
  /** A new content item (version 1). */
  | 'created'
  /** A new version: title and/or body changed. */
  | 'updated'
  /** Status changed without a new version (trash, restore, archive). */
  | 'status-changed'
  /** Parent or position changed. */
  | 'moved'
  /** A draft of published content was saved or discarded. */
  | 'draft-saved'
  | 'draft-deleted'
  /** Permanently deleted: `content` is the last state; its rows are gone. */
  | 'purged';

export interface ContentWriteEvent {
  kind: ContentWriteKind;
  /** The content after the write (before it, for `purged`). */
  content: ContentRow;
  /** The content before the write (absent for `created`). */
  previous?: ContentRow;
  /** The storage body of the current version, for `created` and `updated`. */
  body?: string;
  /** accountId of the caller who wrote. */
  actorId: string;
  /**
   * Why, when the write is a consequence of another operation: `space-deleted` for the purges of
   * DELETE /wiki/rest/api/space/{key} (guards may let a space deletion through).
   */
  cause?: 'space-deleted';
  at: number; // ms since epoch
}

export type ContentWriteListener = (event: ContentWriteEvent) => void;

export interface ContentEvents {
  /**
   * @returns a function that unsubscribes.
   * @example context.events.subscribe((event) => { if (event.body) deriveTasks(event); });
   */
  subscribe(listener: ContentWriteListener): () => void;
  emit(event: ContentWriteEvent): void;
}

export function createContentEvents(): ContentEvents {
  const listeners = new Set<ContentWriteListener>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event) {
      for (const listener of listeners) listener(event);
    },
  };
}
