/**
 * The labels store: the only SQL over `labels`, `content_labels` and `space_labels`. Listings are
 * keyset pages (limit + 1 rows); personal `my` labels are only ever shown to their owner.
 */
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import type { ContentWithVersion } from '../content/queries.ts';
import type { ContentType } from '../content/schema.ts';
import { visibleContentClause } from '../content/visibility.ts';
import { type KeysetOrder, keysetAfter, keysetOrderBy } from '../database/keyset.ts';
import { statementCache } from '../database/open.ts';
import { createWhere } from '../database/where.ts';
import type { CursorPosition } from '../http/pagination.ts';
import type { LabelPrefix, LabelRow } from './schema.ts';

/** Where the labels of a listing come from. */
export type LabelSource =
  | { kind: 'all' }
  | { kind: 'content'; contentId: number }
  | { kind: 'space'; spaceId: number }
  /** Labels on current content of the space that the caller may see. */
  | { kind: 'space-content'; spaceId: number };

export interface LabelQuery {
  source: LabelSource;
  /** The caller: their own `my` labels and only those. */
  accountId: string;
  prefixes: readonly string[];
  ids?: readonly number[];
  order: KeysetOrder;
  after: CursorPosition | undefined;
  limit: number;
}

export interface LabelledContentQuery {
  labelId: number;
  type: ContentType;
  spaceIds: readonly number[];
  accountId: string;
  order: KeysetOrder;
  after: CursorPosition | undefined;
  limit: number;
}

const WITH_VERSION = `SELECT c.*, v.body, v.adf, v.author_id AS version_author_id,
  v.created_at AS version_created_at, v.message AS version_message, v.minor_edit AS version_minor_edit
  FROM content c JOIN content_versions v ON v.content_id = c.id AND v.number = c.version`;

export type LabelStore = ReturnType<typeof createLabelStore>;

/**
 * @example const label = store.ensure('global', 'q3', ''); store.attach(pageId, label.id);
 */
export function createLabelStore(db: DatabaseSync, now: () => number) {
  const prepare = statementCache(db);
  const sql = {
    insert: db.prepare(
      `INSERT INTO labels (prefix, name, owner_id, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (prefix, name, owner_id) DO NOTHING`,
    ),
    find: db.prepare('SELECT * FROM labels WHERE prefix = ? AND name = ? AND owner_id = ?'),
    get: db.prepare('SELECT * FROM labels WHERE id = ?'),
    attach: db.prepare(
      `INSERT INTO content_labels (content_id, label_id, created_at) VALUES (?, ?, ?)
       ON CONFLICT DO NOTHING`,
    ),
    detach: db.prepare('DELETE FROM content_labels WHERE content_id = ? AND label_id = ?'),
    detachAll: db.prepare('DELETE FROM content_labels WHERE content_id = ?'),
    count: db.prepare('SELECT COUNT(*) AS count FROM content_labels WHERE content_id = ?'),
    attachToSpace: db.prepare(
      `INSERT INTO space_labels (space_id, label_id, created_at) VALUES (?, ?, ?)
       ON CONFLICT DO NOTHING`,
    ),
    detachFromSpace: db.prepare('DELETE FROM space_labels WHERE space_id = ? AND label_id = ?'),
  };

  function page(query: LabelQuery): LabelRow[] {
    const after = keysetAfter(query.order, query.after);
    const where = createWhere()
      .add(`(l.prefix != 'my' OR l.owner_id = ?)`, query.accountId)
      .in('l.prefix', query.prefixes)
      .in('l.id', query.ids ?? [])
      .add(after.sql, ...after.params);
    const [from, params] = sourceSql(db, query.source, query.accountId);
    const statement = prepare(
      `SELECT l.* FROM ${from} WHERE ${where.sql()} ORDER BY ${keysetOrderBy(query.order)} LIMIT ?`,
    );
    return statement.all(...params, ...where.params, query.limit + 1) as unknown as LabelRow[];
  }

  return {
    /** The label with this prefix and name (and owner, for `my`), created when missing. */
    ensure(prefix: LabelPrefix, name: string, ownerId: string): LabelRow {
      const owner = prefix === 'my' ? ownerId : '';
      sql.insert.run(prefix, name, owner, now());
      return sql.find.get(prefix, name, owner) as unknown as LabelRow;
    },
    find: (prefix: LabelPrefix, name: string, ownerId: string) =>
      sql.find.get(prefix, name, prefix === 'my' ? ownerId : '') as LabelRow | undefined,
    get: (id: number) => sql.get.get(id) as LabelRow | undefined,
    attach: (contentId: number, labelId: number) => void sql.attach.run(contentId, labelId, now()),
    /** @returns whether the label was on the content. */
    detach: (contentId: number, labelId: number) => sql.detach.run(contentId, labelId).changes > 0,
    detachAll: (contentId: number) => void sql.detachAll.run(contentId),
    countOnContent: (contentId: number) => (sql.count.get(contentId) as { count: number }).count,
    attachToSpace: (spaceId: number, labelId: number) =>
      void sql.attachToSpace.run(spaceId, labelId, now()),
    detachFromSpace: (spaceId: number, labelId: number) =>
      sql.detachFromSpace.run(spaceId, labelId).changes > 0,
    /** One keyset page of labels (limit + 1 rows). */
    page,
    /** One keyset page of current content of `type` carrying the label (limit + 1 rows). */
    labelled(query: LabelledContentQuery): ContentWithVersion[] {
      const after = keysetAfter(query.order, query.after);
      const visible = visibleContentClause(db, query.accountId, 'c');
      const where = createWhere()
        .add('c.id IN (SELECT content_id FROM content_labels WHERE label_id = ?)', query.labelId)
        .add('c.type = ?', query.type)
        .add(`c.status = 'current'`)
        .in('c.space_id', query.spaceIds)
        .add(visible.sql, ...visible.params)
        .add(after.sql, ...after.params);
      const statement = prepare(
        `${WITH_VERSION} WHERE ${where.sql()} ORDER BY ${keysetOrderBy(query.order)} LIMIT ?`,
      );
      return statement.all(...where.params, query.limit + 1) as unknown as ContentWithVersion[];
    },
  };
}

function sourceSql(
  db: DatabaseSync,
  source: LabelSource,
  accountId: string,
): [string, SQLInputValue[]] {
  switch (source.kind) {
    case 'all':
      return ['labels l', []];
    case 'content':
      return [
        'labels l JOIN content_labels x ON x.label_id = l.id AND x.content_id = ?',
        [source.contentId],
      ];
    case 'space':
      return [
        'labels l JOIN space_labels x ON x.label_id = l.id AND x.space_id = ?',
        [source.spaceId],
      ];
    case 'space-content': {
      const visible = visibleContentClause(db, accountId, 'c');
      return [
        `labels l JOIN (SELECT DISTINCT cl.label_id FROM content_labels cl
           JOIN content c ON c.id = cl.content_id
           WHERE c.space_id = ? AND c.status = 'current' AND ${visible.sql}) x ON x.label_id = l.id`,
        [source.spaceId, ...visible.params],
      ];
    }
  }
}
