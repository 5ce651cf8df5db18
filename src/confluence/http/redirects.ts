/**
 * Which redirects the wire accepts. `fetch` would follow any redirect with the credentials on a
 * same-origin hop (to another API on the host, outside `/wiki`) and hand a cross-origin body to
 * the script, so the client asks for `redirect: 'manual'` and decides here. The only redirect
 * Confluence documents is the attachment download's 302 (v1 spec, downloadAttatchment): accepted
 * when the request expects it, and only to a URL inside the site's root (`{baseUrl}/wiki/`, so a
 * gateway base URL `…/ex/confluence/{cloudId}` keeps its own root). The caller then fetches it
 * as a request of its own, through the same checks.
 */
import { ConfluenceError } from './errors.ts';

export interface RedirectContext {
  url: URL;
  init: RequestInit;
  operation: string | undefined;
  retries: number;
  redact: (text: string) => string;
  siteRoot: string;
  acceptRedirect: boolean;
}

/**
 * Throws `REDIRECT_REFUSED` unless the redirect is expected and stays inside the site's root.
 * @example checkRedirect({ ...context, siteRoot: 'https://acme.atlassian.net/wiki/' }, response)
 */
export function checkRedirect(context: RedirectContext, response: Response): void {
  const location = response.headers.get('location') ?? '';
  let target: URL | undefined;
  try {
    target = new URL(location, context.url);
  } catch {
    target = undefined;
  }
  const inside =
    target !== undefined &&
    target.origin === new URL(context.siteRoot).origin &&
    target.href.startsWith(context.siteRoot);
  if (context.acceptRedirect && inside) return;
  // The query may hold a signed token of the other side's: quote the origin and path only.
  const where = target ? `${target.origin}${target.pathname}` : JSON.stringify(location);
  const why = !context.acceptRedirect
    ? 'redirects are not followed (only an attachment download may redirect, inside the site)'
    : `it leads outside the site's root ${context.siteRoot}; not followed, and no credentials were sent there`;
  const method = context.init.method ?? 'GET';
  throw new ConfluenceError({
    status: response.status,
    code: 'REDIRECT_REFUSED',
    message: context.redact(
      `${context.operation ? `${context.operation}: ` : ''}Confluence answered ${response.status} with a redirect to ${where}: ${why} (${method} ${context.url.pathname})`,
    ),
    ...(context.operation ? { operation: context.operation } : {}),
    method,
    path: context.url.pathname,
    retries: context.retries,
    hint: 'check CONFLUENCE_BASE_URL: a site that redirects its API elsewhere is misconfigured or not Confluence',
  });
}
