/**
 * Narrows a CQL query to some spaces on the server's side: `(<query>) AND space IN ("MKT")`,
 * keeping a trailing `ORDER BY` last, so that Confluence's own counts and cursors hold for the
 * narrowed query (filtering after paging would leave them counting other spaces).
 *
 * The wrap is only sound when the user's query is one well-formed group: an unclosed quote or
 * an unbalanced parenthesis could close the group early (`x) OR (space = ENG`) and put other
 * spaces back in. Such a query is refused here; the server would refuse it anyway. Quotes and
 * escapes follow CQL: "…" or '…', backslash escapes the next character (cql-operators page,
 * "Reserved characters"; src/emulator/cql/cql.peggy reads them the same way).
 */

/** Why a query cannot be narrowed; the policy turns it into a refusal. */
export class UnnarrowableQuery extends Error {
  override name = 'UnnarrowableQuery';
}

/**
 * @example
 * narrowCql('type = page ORDER BY title', ['MKT']);
 * // '(type = page) AND space IN ("MKT") ORDER BY title'
 */
export function narrowCql(cql: string, keys: readonly string[]): string {
  if (keys.length === 0) throw new UnnarrowableQuery('no space to narrow the query to');
  const { condition, orderBy } = splitOrderBy(cql);
  const scope = `space IN (${keys.map(quoteCql).join(', ')})`;
  const narrowed = condition === '' ? scope : `(${condition}) AND ${scope}`;
  return orderBy === '' ? narrowed : `${narrowed} ${orderBy}`;
}

/** A CQL string literal: `"…"` with `"` and `\` escaped. */
export function quoteCql(value: string): string {
  return `"${value.replace(/["\\]/g, (character) => `\\${character}`)}"`;
}

const WORD_CHARACTER = /[A-Za-z0-9_.]/;
const ORDER_BY = /^order\s+by(?![A-Za-z0-9_.])/i;
/** `ORDER BY field [ASC|DESC] {, field [ASC|DESC]}` and nothing after it. */
const SORT_KEY = String.raw`[A-Za-z_][A-Za-z0-9_.]*(?:\s+(?:asc|desc))?`;
const ORDER_BY_CLAUSE = new RegExp(
  String.raw`^order\s+by\s+${SORT_KEY}(?:\s*,\s*${SORT_KEY})*$`,
  'i',
);

/** The condition and the `ORDER BY …` clause at the top level (outside quotes and parentheses). */
function splitOrderBy(cql: string): { condition: string; orderBy: string } {
  let depth = 0;
  let quote: string | undefined;
  let orderAt: number | undefined;
  for (let index = 0; index < cql.length; index++) {
    const character = cql[index]!;
    if (quote !== undefined) {
      if (character === '\\') index += 1;
      else if (character === quote) quote = undefined;
      continue;
    }
    if (character === '"' || character === "'") quote = character;
    else if (character === '(') depth += 1;
    else if (character === ')') {
      depth -= 1;
      if (depth < 0) throw new UnnarrowableQuery('the query closes a parenthesis it never opened');
    } else if (
      depth === 0 &&
      orderAt === undefined &&
      !WORD_CHARACTER.test(cql[index - 1] ?? ' ') &&
      ORDER_BY.test(cql.slice(index))
    ) {
      orderAt = index;
    }
  }
  if (quote !== undefined) throw new UnnarrowableQuery(`the query leaves a ${quote} unclosed`);
  if (depth > 0) throw new UnnarrowableQuery('the query leaves a parenthesis unclosed');
  if (orderAt === undefined) return { condition: cql.trim(), orderBy: '' };
  const orderBy = cql.slice(orderAt).trim();
  if (!ORDER_BY_CLAUSE.test(orderBy)) {
    throw new UnnarrowableQuery('only sort keys may follow ORDER BY, at the end of the query');
  }
  return { condition: cql.slice(0, orderAt).trim(), orderBy };
}
