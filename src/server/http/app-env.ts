/** The Hono environment of the service: what middleware stores on the context for routes. */
import type { RequestIdVariables } from 'hono/request-id';
import type { ClientIdentity } from './bearer-auth.ts';

export interface AppEnv {
  Variables: RequestIdVariables & {
    /** Set by `bearerAuth` on every authenticated route. */
    client: ClientIdentity;
    /** Runs this request started, for its access log line (set by `accessLog`, filled by routes). */
    runIds: string[];
  };
}
