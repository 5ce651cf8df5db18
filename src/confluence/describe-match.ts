/**
 * Finding SDK members for `describe_sdk`: by exact name (SDK name, Composio tool name, OpenAPI
 * operationId, or a namespace), or by free text scored against names and summaries.
 */
import { distance } from 'fastest-levenshtein';
import type { Member } from './describe.ts';

/**
 * Matches scoring below this share of the best match are dropped: "move page" should give
 * `pages.move`, not every operation on pages.
 */
export const RELATIVE_SCORE_CUTOFF = 0.75;

/** Words of a name or sentence: `getPageById` → get, page, by, id; `CONFLUENCE_CQL_SEARCH` → cql, search. */
export function words(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 1 && !STOP_WORDS.has(word));
}

/** Words that say nothing about which member is meant (every Composio name starts with GET...). */
const STOP_WORDS = new Set([
  'confluence',
  'get',
  'by',
  'id',
  'the',
  'to',
  'of',
  'for',
  'on',
  'in',
  'with',
  'and',
  'or',
  'an',
  'my',
  'me',
  'it',
  'all',
  'is',
]);

function namesOf(member: Member): string[] {
  const spec = member.spec;
  if (member.kind === 'helper') return [spec.name];
  const operation = member.spec;
  return [operation.name, operation.composioName, operation.operationId].filter(
    (name): name is string => name !== undefined,
  );
}

/** Singular and plural forms meet: `labels` finds `label`, `blogpost` finds `blogposts`. */
function stem(word: string): string {
  return word.length > 3 && word.endsWith('s') ? word.slice(0, -1) : word;
}

/** Points per query word found in a name, in the summary, in the description. */
const NAME_POINTS = 3;
const SUMMARY_POINTS = 2;
const DESCRIPTION_POINTS = 1;
/** Taken off per word of the SDK name the query does not mention: exact names rank first. */
const UNMATCHED_NAME_PENALTY = 0.25;

function score(member: Member, queryWords: readonly string[]): number {
  const spec = member.spec;
  const nameWords = new Set(namesOf(member).flatMap(words).map(stem));
  const summary = new Set(words(spec.summary).map(stem));
  const description = new Set(words(spec.description ?? '').map(stem));
  const wanted = new Set(queryWords.map(stem));
  let total = 0;
  for (const word of wanted) {
    if (nameWords.has(word)) total += NAME_POINTS;
    else if (summary.has(word)) total += SUMMARY_POINTS;
    else if (description.has(word)) total += DESCRIPTION_POINTS;
  }
  if (total === 0) return 0;
  const unmatched = words(spec.name)
    .map(stem)
    .filter((word) => !wanted.has(word)).length;
  return total - unmatched * UNMATCHED_NAME_PENALTY;
}

export function matchMembers(
  members: readonly Member[],
  request: { name?: string; query?: string; limit?: number },
): Member[] {
  if (request.name !== undefined) {
    const wanted = request.name
      .trim()
      .replace(/^confluence\./, '')
      .toLowerCase();
    const exact = members.filter((member) =>
      namesOf(member).some((name) => name.toLowerCase() === wanted),
    );
    if (exact.length > 0) return exact;
    return members.filter((member) => member.spec.name.toLowerCase().startsWith(`${wanted}.`));
  }
  const query = request.query ?? '';
  const exact = matchMembers(members, { name: query });
  if (exact.length > 0) return exact.slice(0, request.limit);
  const queryWords = words(query);
  const scored = members
    .map((member, order) => ({ member, order, score: score(member, queryWords) }))
    .filter((entry) => entry.score > 0)
    .sort((left, right) => right.score - left.score || left.order - right.order);
  const cutoff = (scored[0]?.score ?? 0) * RELATIVE_SCORE_CUTOFF;
  return scored
    .filter((entry) => entry.score >= cutoff)
    .slice(0, request.limit)
    .map((entry) => entry.member);
}

/** Up to three SDK names close to a misspelt one. */
export function suggestionsFor(members: readonly Member[], name: string): string[] {
  const wanted = name
    .trim()
    .replace(/^confluence\./, '')
    .toLowerCase();
  return members
    .map((member) => ({
      name: member.spec.name,
      distance: distance(wanted, member.spec.name.toLowerCase()),
    }))
    .filter((entry) => entry.distance <= Math.max(2, Math.floor(wanted.length / 3)))
    .sort((left, right) => left.distance - right.distance)
    .slice(0, 3)
    .map((entry) => entry.name);
}
