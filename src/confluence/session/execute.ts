/**
 * Runs one operation against the site: its single request and `transform`, or its composite
 * `execute` with an {@link OperationContext}. Retries and the last HTTP status are counted into
 * `stats` for the ledger, across every request a composite makes.
 */
import type { ConfluenceClient } from '../http/client.ts';
import { ConfluenceError } from '../http/errors.ts';
import type { HttpRequestSpec, HttpResponseData, OperationContext } from '../operation.ts';
import type { RetryNotice } from '../types.ts';
import { SessionError } from './errors.ts';
import type { AnyOperation } from './operations.ts';
import { validateInput } from './validation.ts';

export interface CallStats {
  retries: number;
  httpStatus?: number;
}

export interface ExecuteOptions {
  client: ConfluenceClient;
  operations: ReadonlyMap<string, AnyOperation>;
  signal: AbortSignal;
  stats: CallStats;
  runCache: Map<string, unknown>;
  /** Told before each retry of a request, and before a wait on a pause another call began (a run's `onRetry`). */
  onRetry?: ((notice: RetryNotice) => void) | undefined;
  /** Called right before each request goes on the wire; a throw stops it unsent. */
  beforeSend?: (() => void) | undefined;
}

export async function executeOperation(
  operation: AnyOperation,
  input: unknown,
  options: ExecuteOptions,
): Promise<unknown> {
  const context = operationContext(operation, options);
  if (operation.execute) return operation.execute(input, context);
  if (!operation.request) {
    throw new Error(`operation ${operation.name} has neither request nor execute`);
  }
  const response = await context.request(operation.request(input));
  return operation.transform ? operation.transform(response, input) : response.body;
}

function operationContext(operation: AnyOperation, options: ExecuteOptions): OperationContext {
  const { client, stats, signal } = options;
  // A read is safe to resend whatever its method (CQL by POST); a write follows its method.
  const idempotent = operation.idempotent ?? (operation.kind === 'read' ? true : undefined);
  return {
    signal,
    runCache: options.runCache,
    async request(spec: HttpRequestSpec): Promise<HttpResponseData> {
      try {
        const response = await client.request(spec, {
          signal,
          operation: operation.name,
          ...(idempotent === undefined ? {} : { idempotent }),
          ...(options.beforeSend ? { beforeSend: options.beforeSend } : {}),
          onPaused: (event) => {
            options.onRetry?.({
              operation: operation.name,
              retry: 0,
              maxRetries: 0,
              waitMs: event.waitMs,
              code: 'SITE_PAUSED',
              pausedBy: event.reason,
            });
          },
          onRetry: (event) => {
            stats.retries += 1;
            options.onRetry?.({
              operation: operation.name,
              retry: event.attempt,
              maxRetries: event.maxRetries,
              waitMs: event.waitMs,
              code: event.error.code,
              ...(event.error.status === undefined ? {} : { status: event.error.status }),
            });
          },
        });
        stats.httpStatus = response.status;
        return response;
      } catch (error) {
        if (error instanceof ConfluenceError && error.status !== undefined)
          stats.httpStatus = error.status;
        throw error;
      }
    },
    async call(name: string, input: unknown): Promise<unknown> {
      const nested = options.operations.get(name);
      if (!nested) {
        throw new SessionError({
          name: 'ValidationError',
          code: 'UNKNOWN_OPERATION',
          phase: 'runtime',
          message: `${operation.name}: calls unknown operation ${name}`,
        });
      }
      const validated = validateInput(name, nested.input, input);
      if (!validated.ok) throw validated.error;
      return executeOperation(nested, validated.value, options);
    },
  };
}
