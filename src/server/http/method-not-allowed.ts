/**
 * The 405 of a known path asked with another method (`DELETE /v1/runs`): Hono answers such a
 * request with its not-found handler, so this finds, with Hono's own router over the app's routes,
 * which methods the path does have, for the 405 and its `Allow` header (RFC 9110 §15.5.6).
 */
import type { Hono } from 'hono';
import { PatternRouter } from 'hono/router/pattern-router';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * Returns the methods `path` answers to (HEAD with GET), or an empty list when it is unknown.
 * The router is built on first use, once every route is registered.
 *
 * @example
 * const allowedMethods = methodsOf(app);
 * allowedMethods('/v1/runs'); // ['GET', 'HEAD', 'POST']
 */
export function methodsOf(app: Pick<Hono, 'routes'>): (path: string) => string[] {
  let router: PatternRouter<true> | undefined;
  return function allowedMethods(path) {
    if (!router) {
      router = new PatternRouter<true>();
      // Middleware (`use`) is registered as ALL: it answers nothing by itself.
      for (const route of app.routes)
        if (route.method !== 'ALL') router.add(route.method, route.path, true);
    }
    const found = METHODS.filter((method) => router!.match(method, path)[0].length > 0);
    return found.includes('GET') ? [...found, 'HEAD'].sort() : found;
  };
}
