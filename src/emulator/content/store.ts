/**
 * The content store: the only code that writes the content, version, draft and full-text tables.
 * Every write runs in one transaction, keeps `content_fts` in step, and emits one
 * {@link ContentWriteEvent} inside that transaction.
 */
import type { DatabaseSync } from 'node:sqlite';
import { transaction } from '../database/open.ts';
import { storageToText } from '../bodies/text.ts';
import type { ContentEvents, ContentWriteEvent, ContentWriteKind } from './events.ts';
import type { ContentRow, ContentStatus, ContentType, DraftRow, VersionRow } from './schema.ts';
import { contentStatements } from './statements.ts';

export interface NewContent {
  type: ContentType;
  status: ContentStatus;
  spaceId: number | null;
  parentId?: number | null;
  containerId?: number | null;
  title: string;
  /** Storage-format body. */
  body: string;
  /** The ADF JSON as written, when the body was written in atlas_doc_format. */
  adf?: string | null;
  authorId: string;
  ownerId?: string | null;
  position?: number | null;
  subtype?: string | null;
  extra?: unknown;
  message?: string;
  /** Defaults to now(); seeds use fixed dates. */
  createdAt?: number;
}

export interface ContentRevision {
  title: string;
  body: string;
  adf?: string | null;
  authorId: string;
  message?: string;
  minorEdit?: boolean;
  status?: ContentStatus;
  /** Defaults to now(). */
  at?: number;
}

export interface ContentStoreOptions {
  db: DatabaseSync;
  events: ContentEvents;
  now: () => number;
}

export type ContentStore = ReturnType<typeof createContentStore>;

/**
 * @example
 * const page = context.content.create({ type: 'page', status: 'current', spaceId: 1,
 *   title: 'Hello', body: '<p>Hi</p>', authorId: user.account_id });
 */
export function createContentStore({ db, events, now }: ContentStoreOptions) {
  const sql = contentStatements(db);

  function emit(
    kind: ContentWriteKind,
    content: ContentRow,
    actorId: string,
    extra: Pick<ContentWriteEvent, 'previous' | 'body' | 'cause'> = {},
  ) {
    events.emit({ kind, content, actorId, at: now(), ...extra });
  }

  function index(id: number, title: string, body: string): void {
    sql.deleteText.run(id);
    sql.insertText.run(id, title, storageToText(body));
  }

  function mustGet(id: number): ContentRow {
    const row = sql.get.get(id) as ContentRow | undefined;
    if (!row) throw new Error(`content ${id} does not exist`);
    return row;
  }

  return {
    get: (id: number) => sql.get.get(id) as ContentRow | undefined,
    version: (id: number, number: number) =>
      sql.getVersion.get(id, number) as VersionRow | undefined,
    /** The current version (title and body). */
    current: (row: ContentRow) => sql.getVersion.get(row.id, row.version) as VersionRow | undefined,
    draft: (id: number) => sql.getDraft.get(id) as DraftRow | undefined,
    /** The position a new child of `parentId` (null: root level of the space) takes: last. */
    nextPosition: (spaceId: number | null, parentId: number | null) =>
      (sql.nextPosition.get(spaceId, parentId) as { position: number }).position,

    create(input: NewContent): ContentRow {
      return transaction(db, () => {
        const at = input.createdAt ?? now();
        const extra = input.extra === undefined ? null : JSON.stringify(input.extra);
        const row = sql.insert.get(
          input.type,
          input.status,
          input.spaceId,
          input.parentId ?? null,
          input.containerId ?? null,
          input.title,
          input.authorId,
          input.ownerId ?? input.authorId,
          at,
          at,
          input.position ?? null,
          input.subtype ?? null,
          extra,
        ) as unknown as ContentRow;
        sql.insertVersion.run(
          row.id,
          1,
          input.title,
          input.body,
          input.adf ?? null,
          input.authorId,
          at,
          input.message ?? '',
          0,
        );
        index(row.id, input.title, input.body);
        emit('created', row, input.authorId, { body: input.body });
        return row;
      });
    },

    /** Writes the next version (current + 1); the caller has checked the version number. */
    revise(id: number, revision: ContentRevision): ContentRow {
      return transaction(db, () => {
        const previous = mustGet(id);
        const at = revision.at ?? now();
        const number = previous.version + 1;
        sql.insertVersion.run(
          id,
          number,
          revision.title,
          revision.body,
          revision.adf ?? null,
          revision.authorId,
          at,
          revision.message ?? '',
          revision.minorEdit ? 1 : 0,
        );
        const row = sql.updateVersion.get(
          revision.title,
          number,
          at,
          revision.status ?? previous.status,
          id,
        ) as unknown as ContentRow;
        sql.deleteDraft.run(id);
        index(id, revision.title, revision.body);
        emit('updated', row, revision.authorId, { previous, body: revision.body });
        return row;
      });
    },

    setStatus(id: number, status: ContentStatus, actorId: string): ContentRow {
      return transaction(db, () => {
        const previous = mustGet(id);
        const row = sql.updateStatus.get(status, id) as unknown as ContentRow;
        emit('status-changed', row, actorId, { previous });
        return row;
      });
    },

    move(
      id: number,
      parentId: number | null,
      position: number | null,
      actorId: string,
    ): ContentRow {
      return transaction(db, () => {
        const previous = mustGet(id);
        const row = sql.updateParent.get(parentId, position, id) as unknown as ContentRow;
        emit('moved', row, actorId, { previous });
        return row;
      });
    },

    /** Transfers ownership (no new version). */
    setOwner(id: number, ownerId: string, actorId: string): ContentRow {
      return transaction(db, () => {
        const previous = mustGet(id);
        const row = sql.updateOwner.get(ownerId, id) as unknown as ContentRow;
        emit('status-changed', row, actorId, { previous });
        return row;
      });
    },

    /** Hands the tree children of `id` to `parentId` (what trashing a page does to its children). */
    reparentChildren(id: number, parentId: number | null, actorId: string): void {
      transaction(db, () => {
        for (const child of sql.children.all(id) as unknown as ContentRow[]) {
          const row = sql.updateParent.get(
            parentId,
            child.position,
            child.id,
          ) as unknown as ContentRow;
          emit('moved', row, actorId, { previous: child });
        }
      });
    },

    /** Moves one content item to another space (v1 move of a page tree across spaces). */
    setSpace(id: number, spaceId: number): ContentRow {
      return sql.updateSpace.get(spaceId, id) as unknown as ContentRow;
    },

    /** Replaces the type-specific JSON fields without a new version. */
    setExtra(id: number, extra: unknown): ContentRow {
      return sql.updateExtra.get(JSON.stringify(extra), id) as unknown as ContentRow;
    },

    saveDraft(
      id: number,
      draft: { title: string; body: string; adf?: string | null; authorId: string },
    ): DraftRow {
      return transaction(db, () => {
        const row = mustGet(id);
        sql.upsertDraft.run(id, draft.title, draft.body, draft.adf ?? null, draft.authorId, now());
        emit('draft-saved', row, draft.authorId, { body: draft.body });
        return sql.getDraft.get(id) as unknown as DraftRow;
      });
    },

    deleteDraft(id: number, actorId: string): void {
      transaction(db, () => {
        sql.deleteDraft.run(id);
        emit('draft-deleted', mustGet(id), actorId);
      });
    },

    /** Permanently deletes the content, its versions, draft and index entry (not its children). */
    purge(id: number, actorId: string, cause?: ContentWriteEvent['cause']): void {
      transaction(db, () => {
        const row = mustGet(id);
        sql.deleteText.run(id);
        sql.delete.run(id);
        emit('purged', row, actorId, cause ? { cause } : {});
      });
    },
  };
}
