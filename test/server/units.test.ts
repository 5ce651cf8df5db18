/** The service's small pure parts: key matching, allow lists, cancellations, rendering, bind safety. */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.ts';
import { createKeyMatcher } from '../../src/server/http/bearer-auth.ts';
import { resolveAllowLists } from '../../src/server/http/request-guard.ts';
import {
  cancelledRequestId,
  LegacyCancellations,
} from '../../src/server/mcp/legacy-cancellations.ts';
import { renderEnvelope } from '../../src/server/mcp/render-envelope.ts';
import { assertSafeBind } from '../../src/server/start-server.ts';
import { envelope } from './helpers/scripted-runs.ts';
import { testConfig } from './helpers/test-service.ts';

describe('createKeyMatcher', () => {
  it('matchKey: names the matching key by position and fingerprint, never by value', () => {
    const match = createKeyMatcher(['alpha-key', 'beta-key']);
    const identity = match('beta-key')!;
    expect(identity.clientId).toBe('key-2');
    expect(identity.keyFingerprint).toMatch(/^[0-9a-f]{12}$/);
    expect(JSON.stringify(identity)).not.toContain('beta-key');
    expect(match('beta-ke')).toBeUndefined();
    expect(match('')).toBeUndefined();
  });
});

describe('resolveAllowLists', () => {
  it('loopback: localhost Host names only, localhost Origins plus configured ones', () => {
    const allow = resolveAllowLists({ host: '127.0.0.1', allowedOrigins: ['app.example'] });
    expect(allow.hosts).toEqual(expect.arrayContaining(['localhost', '127.0.0.1']));
    expect(allow.origins).toEqual(expect.arrayContaining(['app.example', 'localhost']));
  });

  it('0.0.0.0: any Host unless configured, and no browser origin unless configured', () => {
    expect(resolveAllowLists({ host: '0.0.0.0' })).toEqual({ hosts: undefined, origins: [] });
    expect(resolveAllowLists({ host: '0.0.0.0', allowedHosts: ['wb.example'] }).hosts).toEqual([
      'wb.example',
    ]);
  });
});

describe('LegacyCancellations', () => {
  it('cancel: aborts the one running call with that client and id, and ignores unknown ids', () => {
    const registry = new LegacyCancellations();
    const call = registry.register('key-1', 7);
    expect(registry.cancel('key-2', 7)).toEqual({ outcome: 'unknown' });
    expect(registry.cancel('key-1', '7')).toEqual({ outcome: 'unknown' });
    expect(registry.cancel('key-1', 7, 'user')).toEqual({ outcome: 'cancelled' });
    expect(call.signal.aborted).toBe(true);
    expect(String((call.signal.reason as Error).message)).toContain('user');
    call.done();
    expect(registry.size).toBe(0);
  });

  it('cancel: cancels nothing when two running calls share the client and id', () => {
    const registry = new LegacyCancellations();
    const first = registry.register('anonymous', 1);
    const second = registry.register('anonymous', 1);
    expect(registry.cancel('anonymous', 1)).toEqual({ outcome: 'ambiguous' });
    expect(first.signal.aborted || second.signal.aborted).toBe(false);
  });

  it('cancelledRequestId: reads notifications/cancelled and nothing else', () => {
    expect(
      cancelledRequestId({
        jsonrpc: '2.0',
        method: 'notifications/cancelled',
        params: { requestId: 3, reason: 'x' },
      }),
    ).toEqual({ requestId: 3, reason: 'x' });
    expect(
      cancelledRequestId({
        jsonrpc: '2.0',
        id: 1,
        method: 'notifications/cancelled',
        params: { requestId: 3 },
      }),
    ).toBeUndefined();
    expect(
      cancelledRequestId({ jsonrpc: '2.0', method: 'tools/call', params: { requestId: 3 } }),
    ).toBeUndefined();
    expect(cancelledRequestId(null)).toBeUndefined();
  });
});

describe('renderEnvelope', () => {
  it('renderEnvelope: an ok run says the counts and the paging handle, never the result itself', () => {
    const text = renderEnvelope(
      envelope('r_9', {
        result: { secretPayload: 'x'.repeat(50) },
        truncated: true,
        resultRef: 'res_9',
        durationMs: 12,
        calls: { total: 3, reads: 2, writes: 1, retries: 1, failed: 0 },
        writes: [{ operation: 'pages.create', target: 'page 5', status: 'planned' }],
        mode: 'dry-run',
      }),
    );
    expect(text).toContain(
      'ok: run r_9 finished in 12 ms · 3 Confluence calls (2 reads, 1 write, 1 retried)',
    );
    expect(text).toContain('planned pages.create page 5');
    expect(text).toContain('Dry run: reads were live; writes were planned, not sent.');
    expect(text).toContain('read_result({ resultRef: "res_9"');
    expect(text).not.toContain('secretPayload');
  });

  it('renderEnvelope: a failure says phase, code, line:col, hint and what to do next', () => {
    const text = renderEnvelope(
      envelope('r_1', {
        error: {
          phase: 'confluence',
          code: 'CONFLUENCE_NOT_FOUND',
          message: 'Page 99 not found',
          line: 4,
          column: 9,
          hint: 'List pages first.',
        },
      }),
    );
    expect(text).toContain(
      'phase confluence (CONFLUENCE_NOT_FOUND) at line 4:9: Page 99 not found',
    );
    expect(text).toContain('hint: List pages first.');
    expect(text).toContain('Confluence refused a call');
  });
});

describe('renderError', () => {
  it('renderError: a workbench fault says to retry the same code, not to fix the script', () => {
    const text = renderEnvelope(
      envelope('r_2', {
        error: { phase: 'runtime', code: 'WORKER_CRASHED', message: 'the worker process died' },
      }),
    );
    expect(text).toContain('not of the script: call run_code again with the same code');
    expect(text).not.toContain('Fix the script');
  });
});

describe('assertSafeBind', () => {
  it('assertSafeBind: refuses a non-loopback host without keys, with a ConfigError that says what to set', () => {
    expect(() => assertSafeBind(testConfig({ host: '0.0.0.0' }))).toThrow(ConfigError);
    expect(() => assertSafeBind(testConfig({ host: '0.0.0.0' }))).toThrow(/WORKBENCH_API_KEYS/);
    expect(() => assertSafeBind(testConfig({ host: '0.0.0.0', apiKeys: ['k'] }))).not.toThrow();
    expect(() => assertSafeBind(testConfig({ host: '127.0.0.1' }))).not.toThrow();
    expect(() => assertSafeBind(testConfig({ host: '::1' }))).not.toThrow();
  });
});
