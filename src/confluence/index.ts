/**
 * The host SDK's public surface: named exports only. The wire (HTTP client, site limiter,
 * pagination, run session, markdown) and the operation registry each append their own block.
 */

// ── wire: HTTP client ─────────────────────────────────────────────────────────────────────────
export {
  createConfluenceClient,
  DEFAULT_MAX_RETRIES,
  DEFAULT_MAX_RETRY_AFTER_MS,
  DEFAULT_MAX_RETRY_DELAY_MS,
  DEFAULT_MIN_RETRY_DELAY_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
} from './http/client.ts';
export type {
  ConfluenceClient,
  ConfluenceClientOptions,
  RequestOptions,
  RetryEvent,
  RetryLimits,
} from './http/client.ts';
export {
  createSiteLimiter,
  DEFAULT_SITE_CONCURRENCY,
  DEFAULT_SITE_INTERVAL_MS,
  DEFAULT_SITE_REQUESTS_PER_INTERVAL,
} from './http/site-limiter.ts';
export type {
  ScheduleOptions,
  SiteLimiter,
  SiteLimiterOptions,
  SiteLimiterStats,
  SitePause,
} from './http/site-limiter.ts';
export { SitePausedError } from './http/site-limiter.ts';
export {
  createSiteLimiterRegistry,
  credentialIdentity,
  siteLimiterFor,
  siteLimiters,
} from './http/limiter-registry.ts';
export type { SiteLimiterRegistry, SiteLimiterRegistryOptions } from './http/limiter-registry.ts';
export { createPostgresSiteLimiterRegistry } from './http/shared-limit/postgres-limiter-registry.ts';
export type { PostgresSiteLimiterRegistryOptions } from './http/shared-limit/postgres-limiter-registry.ts';
export { isQuotaReason, parseRateLimitHeaders } from './http/rate-limit-headers.ts';
export type { RateLimitSignal } from './http/rate-limit-headers.ts';
export { rateLimitedError } from './http/rate-limited-error.ts';
export {
  createResponseBudget,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_MAX_RESPONSE_BYTES_IN_FLIGHT,
} from './http/response-budget.ts';
export type { ResponseBudget, ResponseBudgetStats } from './http/response-budget.ts';
export { ConfluenceError, codeForStatus } from './http/errors.ts';
export type { ClientErrorCode, ConfluenceErrorDetails } from './http/errors.ts';
export { parseErrorBody } from './http/error-body.ts';
export { parseRetryAfter } from './http/retry-after.ts';
export { API_ROOTS, normalizeBaseUrl, toSitePath } from './http/urls.ts';
export {
  collectPages,
  cursorOf,
  DEFAULT_MAX_ITEMS,
  DEFAULT_MAX_PAGES,
  iteratePages,
  nextUrlOf,
} from './http/pagination.ts';
export type { CollectedPages, CollectPagesOptions, FetchedPage } from './http/pagination.ts';

// ── wire: run session (validation, policy, dry-run, recorded replay, call ledger) ──────────────
export { createRunSession } from './session/run-session.ts';
export type { ConfluenceRunSession, RunSessionOptions } from './session/run-session.ts';
export { SessionError } from './session/errors.ts';
export type { SessionErrorCode } from './session/errors.ts';
export { isOperationAllowed } from './session/policy.ts';
export type { ReplayDivergence, ReplayState } from './session/replay.ts';
export type { AnyOperation, OperationRegistry } from './session/operations.ts';
export { MAX_REPORTED_ISSUES, validateInput } from './session/validation.ts';

// ── wire: markdown ⇄ storage (macros kept byte-for-byte through a round trip) ──────────────────
export { markdownToStorage } from './markdown/markdown-to-storage.ts';
export { storageToMarkdown } from './markdown/storage-to-markdown.ts';
export { RAW_FENCE_INFO } from './markdown/placeholders.ts';

// ── registry: operations, generated surfaces, describe_sdk ────────────────────────────────────
export { findOperation, OPERATIONS } from './operations/index.ts';
export type { AnyOperationSpec } from './operations/index.ts';
export { HELPERS } from './operations/helpers.ts';
export type { HelperSpec } from './operations/helpers.ts';
export { preludeExpression, sdkSurface } from './surface.ts';
export { DEFAULT_DESCRIBE_LIMIT, describeSdk } from './describe.ts';
export type { DescribeSdkOptions, MemberDescription, SdkDescription } from './describe.ts';
export { INDEX_LEGEND, sdkIndex } from './describe-index.ts';
