/**
 * Label names as Confluence accepts them: lower-cased, at most 255 characters, no spaces and none
 * of `! # & ( ) * , . : ; < > ? @ [ ] ^` (support.atlassian.com "Use labels to organize your
 * content"). A `prefix:name` form is accepted where a name alone is given (DELETE), since `:`
 * cannot be part of a name.
 */
import { invalidParameter } from '../http/errors.ts';
import { type LabelPrefix, WRITABLE_PREFIXES } from './schema.ts';

export const MAX_LABEL_NAME_LENGTH = 255;
/** Labels one POST may add (the emulator's limit; the document only says "too many labels"). */
export const MAX_LABELS_PER_REQUEST = 100;
/** Labels one item may carry (the emulator's limit for "would contain too many labels"). */
export const MAX_LABELS_PER_CONTENT = 500;

const FORBIDDEN = /[\s!#&()*,.:;<>?@[\]^]/;

/** A valid, lower-cased label name; 400 naming `field` otherwise. */
export function checkLabelName(raw: string, field: string): string {
  const name = raw.trim().toLowerCase();
  if (name === '') throw invalidParameter(field, `${field}: a label name must not be empty`);
  if (name.length > MAX_LABEL_NAME_LENGTH)
    throw invalidParameter(
      field,
      `${field}: a label name has at most ${MAX_LABEL_NAME_LENGTH} characters; got ${name.length}`,
    );
  const bad = FORBIDDEN.exec(name);
  if (bad)
    throw invalidParameter(
      field,
      `${field}: the label '${raw}' contains an invalid character ('${bad[0]}'): labels cannot contain spaces or any of ! # & ( ) * , . : ; < > ? @ [ ] ^`,
    );
  return name;
}

/** A prefix a caller may write; absent means `global`. */
export function checkWritablePrefix(raw: string | undefined, field: string): LabelPrefix {
  const prefix = (raw ?? 'global').trim().toLowerCase();
  if ((WRITABLE_PREFIXES as readonly string[]).includes(prefix)) return prefix as LabelPrefix;
  throw invalidParameter(
    field,
    `${field}: the label prefix '${raw}' is not valid; use one of ${WRITABLE_PREFIXES.join(', ')}`,
  );
}

/** `team:roadmap` → { prefix: 'team', name: 'roadmap' }; `roadmap` → { name: 'roadmap' }. */
export function splitPrefixedName(
  raw: string,
  field: string,
): { prefix: LabelPrefix | undefined; name: string } {
  const separator = raw.indexOf(':');
  if (separator < 0) return { prefix: undefined, name: checkLabelName(raw, field) };
  return {
    prefix: checkWritablePrefix(raw.slice(0, separator), field),
    name: checkLabelName(raw.slice(separator + 1), field),
  };
}
