/**
 * The doctor's line about rate limits: the headers Confluence sent with its last answer, as it
 * sent them (names and values; none of them carries a credential), or that it sent none.
 */
import { DEFAULT_SITE_REQUESTS_PER_INTERVAL } from '../../confluence/http/site-limiter.ts';

/** `x-ratelimit-*`, `ratelimit*`, `beta-*` forms, `retry-after`, `x-ratelimit-nearlimit`. */
const RATE_LIMIT_HEADER = /^(beta-)?(x-)?(ratelimit|retry-after)/i;

/**
 * @example
 * describeRateLimitHeaders(new Headers({ 'x-ratelimit-remaining': '99' }));
 * // 'rate-limit headers: x-ratelimit-remaining: 99'
 */
export function describeRateLimitHeaders(headers: Headers | undefined): string {
  const seen = [...(headers?.entries() ?? [])]
    .filter(([name]) => RATE_LIMIT_HEADER.test(name))
    .map(([name, value]) => `${name}: ${value}`);
  if (seen.length > 0) return `rate-limit headers: ${seen.join(', ')}`;
  return `no rate-limit headers came with the answer (the workbench paces itself at ${DEFAULT_SITE_REQUESTS_PER_INTERVAL} requests/s; CONFLUENCE_MAX_REQUESTS_PER_SECOND)`;
}
