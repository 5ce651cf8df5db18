/**
 * The ORDER BY of a search over the result columns of store.ts (`kind`, `id`, `title`,
 * `created`, `modified`, `score`). Without `ORDER BY` in the CQL, results come by relevance:
 * bm25 over the text terms when there are any (best first), else most recently modified first,
 * which is how Confluence's search lists filter-only results. Ties break on kind and id, so that
 * offsets (and so cursors) are stable.
 */
import type { CompiledContentSearch, CompiledOrder } from '../cql/index.ts';

const COLUMNS: Record<CompiledOrder['field'], string> = {
  title: 'title COLLATE NOCASE',
  created: 'created',
  lastmodified: 'modified',
  id: 'id',
};

/**
 * A trusted ORDER BY list (no user input: fields are checked against `ORDER_FIELDS`).
 * @example searchOrder(compiled) // 'title COLLATE NOCASE DESC, kind, id'
 */
export function searchOrder(compiled: CompiledContentSearch): string {
  if (compiled.orderBy.length === 0) {
    // bm25() is negative, lower is better; rows matched only through another OR branch have none.
    return compiled.match !== undefined
      ? 'score IS NULL, score, modified DESC, kind, id DESC'
      : 'modified DESC, kind, id DESC';
  }
  const keys = compiled.orderBy.map(
    (order) => `${COLUMNS[order.field]} ${order.descending ? 'DESC' : 'ASC'}`,
  );
  return [...keys, 'kind', 'id'].join(', ');
}
