/**
 * The one way the service starts a run, whatever the surface (MCP over HTTP or stdio, REST):
 * admission (the {@link RunLimiter}), then {@link RunService}, then metrics and one log line.
 * Keeping this in one place is what makes the cap hold across MCP and REST together.
 */
import type { Logger } from 'pino';
import type { ProgressEvent } from '../../sandbox/types.ts';
import type { Tenant } from '../clients/types.ts';
import type { SessionMode } from '../confluence/types.ts';
import { RunsError } from '../runs/errors.ts';
import type { RunEnvelope, RunInput, RunService } from '../runs/types.ts';
import type { ServerMetrics } from './metrics.ts';
import { BusyError, type RunLimiter } from './run-limiter.ts';

export interface RunGatewayOptions {
  runs: RunService;
  limiter: RunLimiter;
  metrics: ServerMetrics;
  logger: Logger;
}

/** Who asks and how to reach them while the run goes. */
export interface GatewayRunOptions {
  /** `mcp`, `mcp-stdio`, `rest`: a metrics label and the run's recorded source. */
  source: string;
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  /** Correlates the log lines of one HTTP request. */
  requestId?: string;
  clientId?: string;
  /** Whose run it is (src/clients): recorded, policy and Confluence user; named in logs and metrics. */
  client?: Tenant;
  /** Told the run id once the run has finished (the HTTP access log line carries it). */
  onFinished?: (runId: string) => void;
}

export interface RunGateway {
  /** Resolves with the envelope (success or script failure); rejects with BusyError or an abort. */
  execute(input: RunInput, options: GatewayRunOptions): Promise<RunEnvelope>;
  replay(runId: string, mode: SessionMode, options: GatewayRunOptions): Promise<RunEnvelope>;
  readonly limiter: RunLimiter;
}

/**
 * @example
 * const gateway = createRunGateway({ runs, limiter, metrics, logger });
 * const envelope = await gateway.execute({ code: 'return 1' }, { source: 'rest' });
 */
export function createRunGateway(options: RunGatewayOptions): RunGateway {
  const { runs, limiter, metrics, logger } = options;

  /**
   * Every line about a run carries its run id; a run that was refused never existed and has none.
   * The runs layer assigns the id when it starts the run, so the lines come after it.
   */
  async function admitted(
    describe: Record<string, unknown>,
    gatewayOptions: GatewayRunOptions,
    start: () => Promise<RunEnvelope>,
  ): Promise<RunEnvelope> {
    const { source, requestId, clientId } = gatewayOptions;
    const client = gatewayOptions.client?.name;
    const context = { requestId, clientId, client, source };
    const queuedAt = performance.now();
    let release;
    try {
      release = await limiter.acquire(gatewayOptions.signal);
    } catch (error) {
      if (error instanceof BusyError) {
        metrics.observeRejection(error.code, source, client);
        logger.warn(
          { ...context, reason: error.code, retryAfterSeconds: error.retryAfterSeconds },
          'run refused',
        );
      }
      throw error;
    }
    const queuedMs = Math.round(performance.now() - queuedAt);
    try {
      const envelope = await start();
      metrics.observeRun(envelope, source, client);
      gatewayOptions.onFinished?.(envelope.runId);
      logger.info(
        {
          ...context,
          ...describe,
          runId: envelope.runId,
          status: envelope.status,
          phase: envelope.error?.phase,
          errorCode: envelope.error?.code,
          durationMs: envelope.durationMs,
          queuedMs,
          calls: envelope.calls,
          writes: envelope.writes.length,
          truncated: envelope.truncated,
        },
        'run finished',
      );
      return envelope;
    } catch (error) {
      // A caller's mistake (an unknown run id, bad input) is not the service failing: no stack.
      if (error instanceof RunsError) {
        logger.warn(
          { ...context, ...describe, errorCode: error.code, reason: error.message },
          'run refused',
        );
      } else logger.error({ ...context, ...describe, err: error }, 'run service failed');
      throw error;
    } finally {
      release();
    }
  }

  return {
    limiter,
    execute(input, gatewayOptions) {
      const describe = { codeBytes: Buffer.byteLength(input.code), dryRun: input.dryRun ?? false };
      return admitted(describe, gatewayOptions, async () => {
        const envelope = await runs.execute(
          { ...input, source: input.source ?? gatewayOptions.source },
          {
            signal: gatewayOptions.signal,
            onProgress: gatewayOptions.onProgress,
            ...(gatewayOptions.client ? { client: gatewayOptions.client } : {}),
          },
        );
        // Script bodies are logged only at trace (credentials never reach a script in any case).
        logger.trace({ runId: envelope.runId, code: input.code, params: input.params }, 'run code');
        return envelope;
      });
    },
    replay(runId, mode, gatewayOptions) {
      return admitted({ replayOf: runId, mode }, gatewayOptions, () =>
        runs.replay(runId, mode, {
          signal: gatewayOptions.signal,
          onProgress: gatewayOptions.onProgress,
          ...(gatewayOptions.client ? { client: gatewayOptions.client } : {}),
        }),
      );
    },
  };
}
