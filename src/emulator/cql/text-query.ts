/**
 * The value of a `~` clause (`text ~ "deploy runbook"`, `title ~ "release*"`) as a text query.
 * Confluence treats it Lucene-style: every word is required, in any order (observed on Cloud:
 * `text ~ "a b"` = `text ~ "b a"` = `text ~ "a AND b"`), `OR` between words gives alternatives, a
 * `"quoted phrase"` (written `text ~ "\"a b\""`) must appear as is, and `*` / `?` are wildcards.
 *
 * The result is in disjunctive normal form (alternatives of required terms), which maps onto an
 * FTS5 expression; a term with a wildcard anywhere but at its end cannot use the FTS5 index and
 * becomes a LIKE pattern instead.
 */

export interface TextTerm {
  /** The word or phrase, without quotes and wildcards. */
  text: string;
  /** `release*`: matches words starting with `release` (FTS5 prefix query). */
  prefix: boolean;
  /** A LIKE pattern (`%te_t%`) when a wildcard sits before the end of the word. */
  like: string | undefined;
}

/** Alternatives (OR) of groups of required terms (AND). */
export type TextQuery = TextTerm[][];

/** A word counts when it has a letter or a digit: FTS5 drops everything else. */
const WORD = /[\p{L}\p{N}]/u;
const TOKEN = /"([^"]*)"|(\S+)/g;

/**
 * @example parseTextQuery('deploy run* OR "release notes"')
 * // [[{text:'deploy'…}, {text:'run', prefix:true…}], [{text:'release notes'…}]]
 */
export function parseTextQuery(value: string): TextQuery {
  const groups: TextTerm[][] = [[]];
  for (const match of value.matchAll(TOKEN)) {
    const [, phrase, word] = match;
    if (word === 'OR') groups.push([]);
    else if (word === 'AND') continue;
    else {
      const term = phrase !== undefined ? phraseTerm(phrase) : wordTerm(word!);
      if (term) groups[groups.length - 1]!.push(term);
    }
  }
  return groups.filter((group) => group.length > 0);
}

function phraseTerm(phrase: string): TextTerm | undefined {
  return WORD.test(phrase) ? { text: phrase, prefix: false, like: undefined } : undefined;
}

function wordTerm(raw: string): TextTerm | undefined {
  // `\*` is a literal star (the CQL docs escape reserved characters with a backslash).
  const word = raw.replace(/\\(.)/g, '$1');
  if (!WORD.test(word)) return undefined;
  const wildcard = /(?<!\\)[*?]/;
  const body = raw.replace(/(?<!\\)\*+$/, '');
  if (!wildcard.test(body)) {
    return { text: body.replace(/\\(.)/g, '$1'), prefix: body !== raw, like: undefined };
  }
  return { text: word.replace(/[*?]/g, ''), prefix: false, like: likePattern(raw) };
}

/** `te?t*` → `%te_t%%`: wildcards to LIKE, LIKE's own wildcards escaped (ESCAPE '\'). */
function likePattern(raw: string): string {
  let pattern = '';
  for (let index = 0; index < raw.length; index++) {
    const char = raw[index]!;
    if (char === '\\' && index + 1 < raw.length) pattern += escapeLike(raw[++index]!);
    else if (char === '*') pattern += '%';
    else if (char === '?') pattern += '_';
    else pattern += escapeLike(char);
  }
  return `%${pattern}%`;
}

function escapeLike(char: string): string {
  return char === '%' || char === '_' || char === '\\' ? `\\${char}` : char;
}

/**
 * LIKE pattern for a plain word: `%word%`, LIKE wildcards escaped.
 * @example containsPattern('50%') // '%50\\%%'
 */
export function containsPattern(text: string): string {
  return `%${[...text].map(escapeLike).join('')}%`;
}

/**
 * The FTS5 expression of one group's index-able terms (`"deploy" AND "run"*`), restricted to a
 * column when given; undefined when every term of the group needs LIKE.
 * @example ftsGroupExpression(parseTextQuery('q3 plan*')[0]!, 'title') // 'title : ("q3" AND "plan"*)'
 */
export function ftsGroupExpression(
  group: TextTerm[],
  column?: 'title' | 'body',
): string | undefined {
  const parts = group
    .filter((term) => term.like === undefined)
    .map((term) => `${ftsString(term.text)}${term.prefix ? '*' : ''}`);
  if (parts.length === 0) return undefined;
  const expression = parts.join(' AND ');
  return column ? `${column} : (${expression})` : `(${expression})`;
}

/** An FTS5 string: the tokenizer splits it into a phrase, so no query syntax gets through. */
function ftsString(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}
