import { describe, expect, it } from 'vitest';
import {
  isQuotaReason,
  nextUtcHour,
  parseRateLimitHeaders,
} from '../../../src/confluence/http/rate-limit-headers.ts';

const NOW = Date.UTC(2026, 11, 6, 21, 30, 0);

describe('rate-limit headers', () => {
  it("parseRateLimitHeaders: Atlassian's quota 429 (notes/confluence-api.md §3.5)", () => {
    const signal = parseRateLimitHeaders(
      new Headers({
        'retry-after': '1847',
        'x-ratelimit-limit': '40000',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': '2026-12-06T22:00:00Z',
        'ratelimit-reason': 'confluence-quota-global-based',
      }),
      NOW,
    );
    expect(signal).toEqual({
      limit: 40_000,
      remaining: 0,
      resetAt: Date.UTC(2026, 11, 6, 22),
      reason: 'confluence-quota-global-based',
      retryAfterMs: 1_847_000,
    });
  });

  it('parseRateLimitHeaders: the IETF structured fields, and their beta-prefixed forms', () => {
    const plain = parseRateLimitHeaders(
      new Headers({
        'ratelimit-policy': '"global-app-quota";q=65000;w=3600',
        ratelimit: '"global-app-quota";r=11000;t=600',
      }),
      NOW,
    );
    expect(plain).toEqual({ limit: 65_000, remaining: 11_000, resetAt: NOW + 600_000 });
    const beta = parseRateLimitHeaders(
      new Headers({ 'beta-ratelimit': '"global-app-quota";r=5;t=10', 'beta-retry-after': '7' }),
      NOW,
    );
    expect(beta).toEqual({ remaining: 5, resetAt: NOW + 10_000, retryAfterMs: 7_000 });
  });

  it('parseRateLimitHeaders: a reset as seconds to wait or as epoch seconds; junk is ignored', () => {
    expect(parseRateLimitHeaders(new Headers({ 'x-ratelimit-reset': '30' }), NOW).resetAt).toBe(
      NOW + 30_000,
    );
    expect(
      parseRateLimitHeaders(new Headers({ 'x-ratelimit-reset': String(NOW / 1000 + 5) }), NOW)
        .resetAt,
    ).toBe(NOW + 5_000);
    expect(
      parseRateLimitHeaders(
        new Headers({
          ratelimit: '"unterminated;r=1',
          'x-ratelimit-remaining': '-3',
          'x-ratelimit-reset': 'soon',
        }),
        NOW,
      ),
    ).toEqual({});
  });

  it('isQuotaReason: quota reasons pause until the reset; a burst reason does not', () => {
    expect(isQuotaReason('confluence-quota-tenant-based')).toBe(true);
    expect(isQuotaReason('confluence-burst-based')).toBe(false);
    expect(isQuotaReason(undefined)).toBe(false);
    expect(nextUtcHour(NOW)).toBe(Date.UTC(2026, 11, 6, 22));
  });
});
