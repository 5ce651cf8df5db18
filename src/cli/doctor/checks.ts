/**
 * `confluence-workbench doctor`: checks the configured site and credentials through the SDK the
 * way a run reaches them (the site answers, who the credential is, which spaces it sees, the
 * rate-limit headers Confluence sends), then the policy in force and where data is kept. With no
 * site configured, the same checks run against the embedded emulator. A check that fails says
 * why and which variable to fix; no credential is ever part of a check's text.
 */
import path from 'node:path';
import type { HostFunction } from '../../../sandbox/types.ts';
import type { PolicyConfig, WorkbenchConfig } from '../../config.ts';
import { ConfluenceError } from '../../confluence/http/errors.ts';
import { createConfluenceClient } from '../../confluence/http/client.ts';
import { OPERATIONS } from '../../confluence/operations/index.ts';
import { assertPolicy, type PolicyCheckOptions } from '../../confluence/session/policy-check.ts';
import { createRunSession } from '../../confluence/session/run-session.ts';
import { ensureDirectory } from '../../data-dir.ts';
import { createEmulator } from '../../emulator/index.ts';
import { DEMO_ADMIN } from '../../emulator/users/store.ts';
import { EMBEDDED_EMULATOR_ORIGIN, EMULATOR_DATABASE_FILE } from '../../workbench.ts';
import { describeRateLimitHeaders } from './rate-limit-headers.ts';
import { checkStorage } from './storage.ts';

export interface DoctorCheck {
  /** `site`, `user`, `spaces`, `rate-limit`, `policy`, `storage`. */
  name: string;
  ok: boolean;
  message: string;
  /** What to change when the check failed (names the variable). */
  fix?: string;
}

export interface DoctorReport {
  ok: boolean;
  target: { kind: 'site' | 'emulator'; url: string };
  checks: DoctorCheck[];
}

/** Spaces listed at most (pages of 250) before the count says "at least". */
const MAX_SPACE_PAGES = 8;
/** Space keys named in the report. */
const SPACE_KEYS_SHOWN = 5;
/** One request's deadline: a site that does not answer in this long is reported, not awaited. */
const DOCTOR_TIMEOUT_MS = 15_000;

/** Every check may read the site with this: no operation or space is off limits to the doctor. */
const OPEN_POLICY: PolicyConfig = {
  readOnly: true,
  allowedOperations: [],
  allowedSpaces: [],
  maxWritesPerRun: 0,
};

/**
 * @example
 * const report = await runDoctor(loadConfig());
 * for (const check of report.checks) console.log(check.ok ? '✓' : '✗', check.message);
 */
export async function runDoctor(config: WorkbenchConfig): Promise<DoctorReport> {
  const site = openTarget(config);
  try {
    const checks = await siteChecks(site);
    checks.push(await policyCheck(config, site));
    checks.push(await checkStorage(config));
    return {
      ok: checks.every((check) => check.ok),
      target: { kind: site.kind, url: site.url },
      checks,
    };
  } finally {
    site.close();
  }
}

interface Target {
  kind: 'site' | 'emulator';
  url: string;
  call(operation: string, input: unknown): Promise<unknown>;
  /** One request as the policy check sends it. */
  request: PolicyCheckOptions['request'];
  /** The headers of the last answer. */
  lastHeaders(): Headers | undefined;
  /** The variables that hold the credential, for the fix of a refused one. */
  credentialVariables: string;
  close(): void;
}

function openTarget(config: WorkbenchConfig): Target {
  let lastHeaders: Headers | undefined;
  if (!config.confluence) ensureDirectory(config.dataDir);
  const emulator = config.confluence
    ? null
    : createEmulator({ database: path.join(config.dataDir, EMULATOR_DATABASE_FILE), seed: 'demo' });
  const send: typeof fetch = emulator
    ? async (input, init) => emulator.app.fetch(new Request(input, init))
    : globalThis.fetch;
  const client = createConfluenceClient({
    baseUrl: config.confluence?.baseUrl ?? EMBEDDED_EMULATOR_ORIGIN,
    auth: config.confluence?.auth ?? {
      kind: 'basic',
      email: DEMO_ADMIN.email,
      apiToken: DEMO_ADMIN.apiToken,
    },
    fetch: async (input, init) => {
      const response = await send(input, init);
      lastHeaders = response.headers;
      return response;
    },
    limits: { requestsPerInterval: Number.POSITIVE_INFINITY },
    retry: { maxRetries: 0 },
    requestTimeoutMs: DOCTOR_TIMEOUT_MS,
  });
  const session = createRunSession({
    client,
    operations: OPERATIONS,
    mode: 'live',
    policy: OPEN_POLICY,
  });
  const signal = new AbortController().signal;
  let callIndex = 0;
  return {
    kind: emulator ? 'emulator' : 'site',
    url: emulator ? 'the embedded emulator' : client.baseUrl,
    call: (operation, input) =>
      (session.host[operation] as HostFunction)(input, { signal, callIndex: callIndex++ }),
    request: (spec) => client.request(spec, { operation: 'policy.check' }),
    lastHeaders: () => lastHeaders,
    credentialVariables:
      config.confluence?.auth.kind === 'bearer'
        ? 'CONFLUENCE_ACCESS_TOKEN'
        : 'CONFLUENCE_EMAIL and CONFLUENCE_API_TOKEN',
    close: () => emulator?.close(),
  };
}

async function siteChecks(site: Target): Promise<DoctorCheck[]> {
  let me: { displayName?: string; accountId?: string };
  try {
    me = (await site.call('users.current', {})) as typeof me;
  } catch (error) {
    return refusedChecks(site, error);
  }
  const checks: DoctorCheck[] = [
    { name: 'site', ok: true, message: `${site.url} answers` },
    {
      name: 'user',
      ok: true,
      message: `signed in as ${me.displayName ?? 'an unnamed user'} (account ${me.accountId ?? 'unknown'})`,
    },
  ];
  checks.push(await spacesCheck(site));
  checks.push({
    name: 'rate-limit',
    ok: true,
    message: describeRateLimitHeaders(site.lastHeaders()),
  });
  return checks;
}

/** The first call failed: the site did not answer, or it refused the credential. */
function refusedChecks(site: Target, error: unknown): DoctorCheck[] {
  const status =
    error instanceof ConfluenceError ? error.status : (error as { status?: number }).status;
  const reason = (error as Error).message;
  if (status === undefined) {
    return [
      {
        name: 'site',
        ok: false,
        message: `${site.url} does not answer: ${reason}`,
        fix: 'check CONFLUENCE_BASE_URL (or CONFLUENCE_CLOUD_ID) and that this machine can reach it',
      },
    ];
  }
  if (status === 401 || status === 403) {
    return [
      { name: 'site', ok: true, message: `${site.url} answers` },
      {
        name: 'user',
        ok: false,
        message: `Confluence answered ${status}: the credential was ${status === 401 ? 'not accepted' : 'refused access'}`,
        fix: `check ${site.credentialVariables} (a new API token: id.atlassian.com → Security → API tokens)`,
      },
    ];
  }
  return [
    {
      name: 'site',
      ok: false,
      message: `${site.url} answered ${status} to GET /wiki/rest/api/user/current: ${reason}`,
      fix: 'check CONFLUENCE_BASE_URL: the site root, such as https://acme.atlassian.net',
    },
  ];
}

async function spacesCheck(site: Target): Promise<DoctorCheck> {
  const keys: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  try {
    do {
      const page = (await site.call('spaces.list', {
        limit: 250,
        ...(cursor ? { cursor } : {}),
      })) as { results: Array<{ key: string }>; nextCursor?: string };
      keys.push(...page.results.map((space) => space.key));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < MAX_SPACE_PAGES);
  } catch (error) {
    return {
      name: 'spaces',
      ok: false,
      message: `cannot list spaces: ${(error as Error).message}`,
    };
  }
  if (keys.length === 0) {
    return {
      name: 'spaces',
      ok: false,
      message: 'the credential sees no space',
      fix: 'give the account permission to view the spaces scripts should reach',
    };
  }
  const count = `${cursor ? 'at least ' : ''}${keys.length} space${keys.length === 1 ? '' : 's'}`;
  const shown = keys.slice(0, SPACE_KEYS_SHOWN).join(', ');
  const more = keys.length > SPACE_KEYS_SHOWN ? ', …' : '';
  return { name: 'spaces', ok: true, message: `sees ${count}: ${shown}${more}` };
}

async function policyCheck(config: WorkbenchConfig, site: Target): Promise<DoctorCheck> {
  const { policy } = config;
  const message = [
    policy.readOnly ? 'read-only' : 'reads and writes',
    policy.allowedSpaces.length > 0 ? `spaces ${policy.allowedSpaces.join(', ')}` : 'every space',
    policy.allowedOperations.length > 0
      ? `operations ${policy.allowedOperations.join(', ')}`
      : 'every operation',
    `at most ${policy.maxWritesPerRun} writes a run`,
  ].join(' · ');
  try {
    await assertPolicy(policy, {
      operations: OPERATIONS.map((operation) => operation.name),
      request: site.request,
    });
  } catch (error) {
    return { name: 'policy', ok: false, message: `policy: ${(error as Error).message}` };
  }
  return { name: 'policy', ok: true, message: `policy: ${message}` };
}
