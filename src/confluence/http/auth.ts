/**
 * The `Authorization` header for a site, and the redactor that keeps every secret it is built
 * from out of error messages and answers (send-once.ts redacts every body where it arrives). Credentials live only in the client's closure: nothing the client
 * returns or throws carries them.
 */
import type { ConfluenceAuth } from '../../config.ts';

export interface Credentials {
  /** The header value, or `undefined` for an unauthenticated client. */
  authorization: string | undefined;
  /** Replaces every secret (token, encoded header, and each of their forms) with `[redacted]`. */
  redact(text: string): string;
}

export const REDACTED = '[redacted]';

/** Shorter strings are not redacted: they would mangle ordinary text and cannot be real tokens. */
const MIN_SECRET_CHARS = 6;

/**
 * Basic auth is `base64(email:apiToken)` (developer.atlassian.com/cloud/confluence/basic-auth-for-rest-apis/);
 * OAuth 2.0 access tokens and Data Center PATs go as `Bearer`.
 * @example createCredentials({ kind: 'bearer', accessToken: 't0ken' }).authorization // 'Bearer t0ken'
 */
export function createCredentials(auth: ConfluenceAuth | undefined): Credentials {
  if (auth === undefined) return { authorization: undefined, redact: (text) => text };
  const secrets =
    auth.kind === 'basic'
      ? [Buffer.from(`${auth.email}:${auth.apiToken}`).toString('base64'), auth.apiToken]
      : [auth.accessToken];
  const authorization =
    auth.kind === 'basic' ? `Basic ${secrets[0]}` : `Bearer ${auth.accessToken}`;
  const forms = secrets
    .flatMap((secret) => [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])
    .filter((secret) => secret.length >= MIN_SECRET_CHARS)
    .sort((a, b) => b.length - a.length);
  return {
    authorization,
    redact(text) {
      let result = text;
      // Every string of every answer passes here: test before building arrays.
      for (const secret of forms)
        if (result.includes(secret)) result = result.split(secret).join(REDACTED);
      return result;
    },
  };
}
