/**
 * Types of the in-isolate helpers (sdk-stubs/runtime/): `pages.edit` and `confluence.isError`.
 * Copied into confluence.d.ts.
 */
import type { Page } from './content.ts';

/** What `pages.edit` hands to your function: the page as it is now. */
export interface PageEditDraft {
  id: string;
  title: string;
  /** The current body, in `format`. */
  body: string;
  format: 'storage' | 'markdown';
  /** The current version number (the write will carry this + 1). */
  version: number;
  /** The page as read, with its body in `format`. */
  page: Page;
}

/**
 * What your `pages.edit` function returns: the new body (a string), or the fields to change, or
 * nothing (`undefined`/`null`) to leave the page alone. An unchanged title and body write nothing.
 */
export type PageEditChange =
  string | { title?: string; body?: string; message?: string } | null | undefined | void;

/** Options of `pages.edit`. */
export interface PageEditOptions {
  /** The format your function reads and writes the body in (default `storage`). */
  format?: 'storage' | 'markdown';
  /** Attempts in all when someone else saves the page in between (409); default 3. */
  maxAttempts?: number;
  /** Version message recorded with the change (your function's `message` wins). */
  message?: string;
}

/** What `pages.edit` returns. */
export interface PageEditResult {
  /** The page after the edit (or as read, when nothing changed). */
  page: Page;
  /** False when your function asked for no change. */
  changed: boolean;
  /** Read-change-write attempts made (more than 1 after version conflicts). */
  attempts: number;
}

/**
 * The error every SDK call rejects with: Confluence's answer (`status`, `code`, its message), a
 * refused input (`code: 'VALIDATION'`, `details` naming the fields), or a policy refusal.
 */
export interface ConfluenceError extends Error {
  /** HTTP status from Confluence, when there was one (404, 409, 429...). */
  status?: number;
  /** Stable code, e.g. `NOT_FOUND`, `CONFLICT`, `VALIDATION`, `POLICY_READ_ONLY`, `RATE_LIMITED`. */
  code?: string;
  /** Where the run fails if the error escapes: `confluence`, `policy`, ... */
  phase?: string;
  /** `RATE_LIMITED` with `retryAt` (epoch ms): the site's quota is used up, no call succeeds before then. */
  details?: unknown;
}
