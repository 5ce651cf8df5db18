import type { PolicyConfig } from '../../../src/config.ts';
import { createConfluenceClient } from '../../../src/confluence/http/client.ts';
import {
  createRunSession,
  type RunSessionOptions,
} from '../../../src/confluence/session/run-session.ts';
import { OPERATIONS } from '../fixtures/session-operations.ts';
import type { ScriptedServer } from '../fixtures/scripted-server.ts';

export const TOKEN = 'session-secret-token-0123';

export const OPEN_POLICY: PolicyConfig = {
  readOnly: false,
  allowedOperations: [],
  allowedSpaces: [],
  maxWritesPerRun: 500,
};

export function sessionFor(
  server: ScriptedServer,
  options: Omit<Partial<RunSessionOptions>, 'policy'> & { policy?: Partial<PolicyConfig> } = {},
) {
  const client = createConfluenceClient({
    baseUrl: server.url,
    auth: { kind: 'basic', email: 'bot@example.com', apiToken: TOKEN },
    limits: { requestsPerInterval: Infinity },
    retry: { minRetryDelayMs: 5, maxRetryDelayMs: 10 },
  });
  return createRunSession({
    client,
    operations: OPERATIONS,
    mode: 'live',
    ...options,
    policy: { ...OPEN_POLICY, ...options.policy },
  });
}

/** The sandbox's per-call context. */
export function callContext(callIndex = 0, signal: AbortSignal = new AbortController().signal) {
  return { signal, callIndex };
}

export interface CaughtError {
  name: string;
  message: string;
  code: string;
  phase: string;
  status?: number;
  details: Record<string, unknown>;
}

/** The error a call rejects with; fails the test if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<CaughtError> {
  try {
    await promise;
  } catch (error) {
    return error as CaughtError;
  }
  throw new Error('expected the call to fail');
}
