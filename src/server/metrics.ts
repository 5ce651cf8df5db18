/**
 * Prometheus metrics of the service (prom-client). One registry per service instance, so tests
 * and several in-process servers never share counters.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DEFAULT_CLIENT_NAME } from '../clients/types.ts';
import type { RunEnvelope } from '../runs/types.ts';

export interface ServerMetrics {
  registry: Registry;
  /** Records one finished run: status, phase, duration and its Confluence calls. */
  observeRun(envelope: RunEnvelope, source: string, client?: string): void;
  /** A run refused by admission control (`QUEUE_FULL`, `QUEUE_TIMEOUT`, `SHUTTING_DOWN`). */
  observeRejection(reason: string, source: string, client?: string): void;
  /** Current admission state, sampled at scrape time. */
  trackLimiter(read: () => { running: number; queued: number }): void;
  observeHttp(method: string, route: string, status: number, seconds: number): void;
}

export interface ServerMetricsOptions {
  /** Also export Node process metrics (CPU, memory, event-loop lag). Default true. */
  processMetrics?: boolean;
}

/** Buckets for run durations, in seconds: a trivial run is ~10 ms, a migration script minutes. */
const RUN_DURATION_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
const HTTP_DURATION_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30];

/**
 * @example
 * const metrics = createServerMetrics();
 * metrics.observeRun(envelope, 'mcp');
 * const text = await metrics.registry.metrics();
 */
export function createServerMetrics(options: ServerMetricsOptions = {}): ServerMetrics {
  const registry = new Registry();
  if (options.processMetrics ?? true)
    collectDefaultMetrics({ register: registry, prefix: 'workbench_' });
  const runs = new Counter({
    name: 'workbench_runs_total',
    help: 'Finished runs by outcome; phase is the error phase, or "none" for a successful run.',
    labelNames: ['status', 'phase', 'source'] as const,
    registers: [registry],
  });
  const runDuration = new Histogram({
    name: 'workbench_run_duration_seconds',
    help: 'Run duration as the envelope reports it, by status.',
    labelNames: ['status', 'source'] as const,
    buckets: RUN_DURATION_BUCKETS,
    registers: [registry],
  });
  const calls = new Counter({
    name: 'workbench_confluence_calls_total',
    help: 'Confluence calls made by runs, by kind (read, write).',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const failedCalls = new Counter({
    name: 'workbench_confluence_call_failures_total',
    help: 'Confluence calls that failed after retries (HTTP errors, network, validation).',
    registers: [registry],
  });
  const retries = new Counter({
    name: 'workbench_confluence_retries_total',
    help: 'Confluence request retries (429 honouring Retry-After, 5xx, network errors).',
    registers: [registry],
  });
  const rejections = new Counter({
    name: 'workbench_runs_rejected_total',
    help: 'Runs refused by admission control before they started.',
    labelNames: ['reason', 'source'] as const,
    registers: [registry],
  });
  // By client (tenant), in series of their own so that the ones above keep their labels.
  const clientRuns = new Counter({
    name: 'workbench_client_runs_total',
    help: 'Finished runs by client (the clients file\'s names; "default" without one) and status.',
    labelNames: ['client', 'status'] as const,
    registers: [registry],
  });
  const clientRejections = new Counter({
    name: 'workbench_client_runs_rejected_total',
    help: 'Runs refused by admission control before they started, by client and reason.',
    labelNames: ['client', 'reason'] as const,
    registers: [registry],
  });
  const http = new Histogram({
    name: 'workbench_http_request_duration_seconds',
    help: 'HTTP requests by method, route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: HTTP_DURATION_BUCKETS,
    registers: [registry],
  });
  return {
    registry,
    observeRun(envelope, source, client = DEFAULT_CLIENT_NAME) {
      const phase = envelope.error?.phase ?? 'none';
      runs.inc({ status: envelope.status, phase, source });
      clientRuns.inc({ client, status: envelope.status });
      runDuration.observe({ status: envelope.status, source }, envelope.durationMs / 1000);
      calls.inc({ kind: 'read' }, envelope.calls.reads);
      calls.inc({ kind: 'write' }, envelope.calls.writes);
      failedCalls.inc(envelope.calls.failed);
      retries.inc(envelope.calls.retries);
    },
    observeRejection(reason, source, client = DEFAULT_CLIENT_NAME) {
      rejections.inc({ reason, source });
      clientRejections.inc({ client, reason });
    },
    trackLimiter(read) {
      new Gauge({
        name: 'workbench_runs_in_flight',
        help: 'Runs executing now.',
        registers: [registry],
        collect() {
          this.set(read().running);
        },
      });
      new Gauge({
        name: 'workbench_runs_queued',
        help: 'Runs waiting for a slot now.',
        registers: [registry],
        collect() {
          this.set(read().queued);
        },
      });
    },
    observeHttp(method, route, status, seconds) {
      http.observe({ method, route, status: String(status) }, seconds);
    },
  };
}
