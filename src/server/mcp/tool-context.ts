/**
 * What the MCP tools need from the rest of the service. One definition of the tools serves every
 * transport (HTTP in both protocol eras, stdio): only this context differs.
 */
import type { Logger } from 'pino';
import type { Tenant } from '../../clients/types.ts';
import type { JobService } from '../../jobs/types.ts';
import type { RunService } from '../../runs/types.ts';
import type { RunGateway } from '../run-gateway.ts';
import type { LegacyCancellations } from './legacy-cancellations.ts';

export interface DescribeSdkRequest {
  /** Free text matched against operation names, summaries and Composio names. */
  query?: string;
  /** Exact operation names, e.g. `pages.get`. */
  names?: string[];
}

/**
 * The SDK registry's documentation lookup (src/confluence/describe*.ts): declarations and examples
 * for the matching operations, as text or as an object with a `text` field.
 */
export type DescribeSdk = (request: DescribeSdkRequest) => unknown;

export interface McpToolContext {
  gateway: RunGateway;
  runs: RunService;
  describeSdk: DescribeSdk;
  /** The compact index of every SDK operation that `run_code`'s description carries. */
  sdkIndex: string;
  logger: Logger;
  /** `mcp` (HTTP) or `mcp-stdio`: recorded with each run. */
  source: string;
  /** HTTP only: legacy (2025-11-25) cancellations arrive on a different request than the call. */
  cancellations?: LegacyCancellations;
  /** `--direct-tools`: also expose every SDK operation as its own tool (direct-tools.ts). */
  directTools?: boolean;
  /** Batch jobs: `start_job`, `job_status`, `cancel_job` are offered only with them. */
  jobs?: JobService;
}

/** Per request: who is calling, and in which protocol era. */
export interface McpCallContext {
  era: 'legacy' | 'modern';
  clientId: string;
  /** Whose runs and results the tools act on (src/clients). */
  tenant: Tenant;
  requestId?: string;
  /** HTTP only: where to report the runs started, for the request's access log line. */
  runIds?: string[];
  /** HTTP legacy only: the connection's `Mcp-Session-Id`, which scopes its cancellations. */
  sessionId?: string | undefined;
  /** The tool context's source (`mcp`, `mcp-stdio`), recorded with the jobs a call starts. */
  source?: string;
}
