/**
 * The one place the registry reaches the storage ⇄ markdown converters, which the wire layer owns
 * (src/confluence/markdown/). Until that module lands, markdown bodies fail with a clear error
 * instead of being guessed at.
 */
import { OperationError } from './errors.ts';

function unavailable(): never {
  throw new OperationError(
    'MARKDOWN_UNAVAILABLE',
    'Markdown conversion is not available in this build: use bodyFormat "storage" and body { storage }',
  );
}

/** Confluence storage format (XHTML with `ac:` macros) → markdown, macros kept as placeholders. */
export function storageToMarkdown(_storage: string): string {
  return unavailable();
}

/** Markdown (with the placeholders `storageToMarkdown` writes) → storage format. */
export function markdownToStorage(_markdown: string): string {
  return unavailable();
}
