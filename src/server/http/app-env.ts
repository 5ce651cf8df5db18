/** The Hono environment of the service: what middleware stores on the context for routes. */
import type { RequestIdVariables } from 'hono/request-id';
import type { ClientIdentity } from './bearer-auth.ts';

export interface AppEnv {
  Variables: RequestIdVariables & {
    /** Set by `bearerAuth` on every authenticated route. */
    client: ClientIdentity;
  };
}
