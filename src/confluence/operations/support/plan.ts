/**
 * Synthetic answers for writes held back by dry-run: plausible enough that the script carries on
 * (ids look like Confluence ids, versions advance), and recognizable in a trace (ids start with
 * 9 and are derived from the input, so the same plan gives the same id). The run session shows
 * a new object's id to the script as `planned-N` (src/confluence/session/planned-objects.ts) and
 * keeps this one as its alias inside calls, where ids are validated as Confluence ids.
 */

/** Fixed timestamp of planned objects: dry-run reads no clock. */
export const PLANNED_AT = '1970-01-01T00:00:00.000Z';

/** A 13-digit id derived from the input (FNV-1a), starting with 9. */
export function plannedId(input: unknown): string {
  let hash = 0x811c9dc5;
  for (const character of JSON.stringify(input) ?? '') {
    hash ^= character.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `9${String(hash).padStart(12, '0')}`;
}
