/**
 * What the allowed-spaces policy needs from Confluence: the ids of the allowed space keys (v2 is
 * keyed by numeric ids, the policy by keys: notes/confluence-api.md §2.1) and the space of a page
 * or blog post named only by id. Every answer is memoized for the run.
 */
import type { HttpRequestSpec, HttpResponseData } from '../operation.ts';

export interface SpaceResolver {
  /** Ids of the allowed keys that exist. */
  allowedIds(): Promise<ReadonlySet<string>>;
  /** The `spaceId` of a page or blog post. */
  spaceIdOf(kind: 'page' | 'blogpost', id: string): Promise<string | undefined>;
  /** The `spaceId` of content whose type is unknown: a page, a blog post, or an attachment's container. */
  spaceIdOfContent(id: string): Promise<string | undefined>;
}

/** v2 `limit` maximum: one request resolves up to this many allowed keys. */
const SPACES_PER_REQUEST = 250;

export function createSpaceResolver(
  allowedKeys: readonly string[],
  request: (spec: HttpRequestSpec) => Promise<HttpResponseData>,
): SpaceResolver {
  let ids: Promise<ReadonlySet<string>> | undefined;
  const contentSpaces = new Map<string, Promise<string | undefined>>();

  async function lookUpIds(): Promise<ReadonlySet<string>> {
    const found = new Set<string>();
    for (let start = 0; start < allowedKeys.length; start += SPACES_PER_REQUEST) {
      const keys = allowedKeys.slice(start, start + SPACES_PER_REQUEST);
      const response = await request({
        api: 'v2',
        method: 'GET',
        path: '/spaces',
        query: { keys, limit: SPACES_PER_REQUEST },
      });
      for (const space of resultsOf(response.body)) {
        if (space.id !== undefined) found.add(String(space.id));
      }
    }
    return found;
  }

  /** `undefined` when there is no such content of that kind (a 404); other errors propagate. */
  function orMissing(pending: Promise<string | undefined>): Promise<string | undefined> {
    return pending.catch((error: { status?: number }) => {
      if (error?.status === 404) return undefined;
      throw error;
    });
  }

  async function attachmentSpaceId(id: string): Promise<string | undefined> {
    const path = `/attachments/${encodeURIComponent(id)}`;
    const attachment = (await request({ api: 'v2', method: 'GET', path })).body as
      { pageId?: unknown; blogPostId?: unknown } | undefined;
    if (attachment?.pageId != null) return resolver.spaceIdOf('page', String(attachment.pageId));
    if (attachment?.blogPostId != null)
      return resolver.spaceIdOf('blogpost', String(attachment.blogPostId));
    return undefined;
  }

  const resolver: SpaceResolver = {
    async spaceIdOfContent(id) {
      return (
        (await orMissing(resolver.spaceIdOf('page', id))) ??
        (await orMissing(resolver.spaceIdOf('blogpost', id))) ??
        (await orMissing(attachmentSpaceId(id)))
      );
    },
    allowedIds() {
      ids ??= lookUpIds();
      return ids;
    },
    spaceIdOf(kind, id) {
      const key = `${kind}:${id}`;
      let pending = contentSpaces.get(key);
      if (!pending) {
        const path = `/${kind === 'page' ? 'pages' : 'blogposts'}/${encodeURIComponent(id)}`;
        pending = request({ api: 'v2', method: 'GET', path }).then((response) => {
          const spaceId = (response.body as { spaceId?: unknown } | undefined)?.spaceId;
          return spaceId === undefined || spaceId === null ? undefined : String(spaceId);
        });
        contentSpaces.set(key, pending);
      }
      return pending;
    },
  };
  return resolver;
}

function resultsOf(body: unknown): Array<{ id?: unknown }> {
  const results = (body as { results?: unknown } | undefined)?.results;
  return Array.isArray(results) ? (results as Array<{ id?: unknown }>) : [];
}
