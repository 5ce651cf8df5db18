/**
 * Redacts every string of a parsed JSON answer, keys included. A success body can echo a
 * credential (a debugging proxy, a misbehaving app echoing `Authorization`); the answer then
 * reaches the script, the stored trace and the logs, so the wire redacts it once, where it
 * arrives. Working on parsed values rather than on the text catches secrets written with JSON
 * escapes (`\/`, `\u0041`) and cannot break the JSON.
 */

/**
 * @example redactValue({ echo: 'Basic ZnJlZDp0b2tlbg==' }, credentials.redact) // { echo: 'Basic [redacted]' }
 */
export function redactValue(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const redacted = redactValue(value[index], redact);
      if (redacted !== value[index]) value[index] = redacted;
    }
    return value;
  }
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const redactedKey = redact(key);
    const redacted = redactValue(record[key], redact);
    if (redactedKey !== key) {
      delete record[key];
      Object.defineProperty(record, redactedKey, {
        value: redacted,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else if (redacted !== record[key]) record[key] = redacted;
  }
  return record;
}
