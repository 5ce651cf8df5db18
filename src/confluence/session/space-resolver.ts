/**
 * What the allowed-spaces policy needs from Confluence: the allowed keys as the site spells them
 * and their ids (v2 is keyed by numeric ids, the policy by keys: notes/confluence-api.md §2.1),
 * the key of any space id (refusals name spaces by key), and the space of an object named only
 * by id (a page, a blog post, an attachment, a task, a whiteboard). Every answer is memoized for
 * the resolver's life: one run, or one workbench for the allowed keys.
 */
import type { HttpRequestSpec, HttpResponseData, SpaceReference } from '../operation.ts';

/** The allowed spaces as the site knows them. */
export interface AllowedSpaces {
  /** Keys as the site spells them, in the configured order. */
  keys: readonly string[];
  ids: ReadonlySet<string>;
  /** Configured keys the site has no space for. */
  missing: readonly string[];
}

/** A space as far as it could be told: its id, its key, or both. */
export interface SpaceIdentity {
  id?: string;
  key?: string;
}

export interface SpaceResolver {
  allowed(): Promise<AllowedSpaces>;
  /** The space an object lives in; `undefined` when the object cannot be found. */
  spaceOf(reference: SpaceReference): Promise<SpaceIdentity | undefined>;
  /** The key of a space id, or `undefined` when the site does not say. */
  keyOf(spaceId: string): Promise<string | undefined>;
}

export type ResolverRequest = (spec: HttpRequestSpec) => Promise<HttpResponseData>;

/** v2 `limit` maximum: one request resolves up to this many keys. */
const SPACES_PER_REQUEST = 250;

type ObjectKind =
  'pages' | 'blogposts' | 'attachments' | 'tasks' | 'whiteboards' | 'footer-comments';

/**
 * @example
 * const resolver = createSpaceResolver(['MKT'], (spec) => client.request(spec));
 * (await resolver.allowed()).missing; // [] when MKT exists
 */
export function createSpaceResolver(
  allowedKeys: readonly string[],
  request: ResolverRequest,
): SpaceResolver {
  let allowed: Promise<AllowedSpaces> | undefined;
  const objects = new Map<string, Promise<Record<string, unknown> | undefined>>();
  const keys = new Map<string, Promise<string | undefined>>();

  function object(kind: ObjectKind, id: string) {
    const cacheKey = `${kind}:${id}`;
    let pending = objects.get(cacheKey);
    if (!pending) {
      const path = `/${kind}/${encodeURIComponent(id)}`;
      pending = orMissing(request({ api: 'v2', method: 'GET', path })).then(
        (response) => response?.body as Record<string, unknown> | undefined,
      );
      objects.set(cacheKey, pending);
    }
    return pending;
  }

  async function spaceIdIn(kind: ObjectKind, id: string): Promise<string | undefined> {
    const found = await object(kind, id);
    if (kind === 'attachments' || kind === 'footer-comments') return containerSpaceId(found);
    return found?.['spaceId'] == null ? undefined : String(found['spaceId']);
  }

  /** An attachment's or a comment's space is its container's. */
  async function containerSpaceId(found: Record<string, unknown> | undefined) {
    if (found?.['pageId'] != null) return spaceIdIn('pages', String(found['pageId']));
    if (found?.['blogPostId'] != null) return spaceIdIn('blogposts', String(found['blogPostId']));
    if (found?.['attachmentId'] != null)
      return spaceIdIn('attachments', String(found['attachmentId']));
    return undefined;
  }

  async function contentSpaceId(id: string): Promise<string | undefined> {
    return (
      (await spaceIdIn('pages', id)) ??
      (await spaceIdIn('blogposts', id)) ??
      (await spaceIdIn('attachments', id))
    );
  }

  async function spaceIdOf(reference: SpaceReference): Promise<string | undefined> {
    if (reference.id !== undefined) return reference.id;
    if (reference.pageId !== undefined) return spaceIdIn('pages', reference.pageId);
    if (reference.blogPostId !== undefined) return spaceIdIn('blogposts', reference.blogPostId);
    if (reference.attachmentId !== undefined)
      return spaceIdIn('attachments', reference.attachmentId);
    if (reference.taskId !== undefined) return spaceIdIn('tasks', reference.taskId);
    if (reference.whiteboardId !== undefined)
      return spaceIdIn('whiteboards', reference.whiteboardId);
    if (reference.commentId !== undefined) return spaceIdIn('footer-comments', reference.commentId);
    if (reference.contentId !== undefined) return contentSpaceId(reference.contentId);
    return undefined;
  }

  return {
    allowed() {
      allowed ??= lookUpAllowed(allowedKeys, request);
      return allowed;
    },
    async spaceOf(reference) {
      if (reference.key !== undefined) return { key: reference.key };
      const id = await spaceIdOf(reference);
      return id === undefined ? undefined : { id };
    },
    keyOf(spaceId) {
      let pending = keys.get(spaceId);
      if (!pending) {
        const path = `/spaces/${encodeURIComponent(spaceId)}`;
        pending = orMissing(request({ api: 'v2', method: 'GET', path })).then((response) => {
          const key = (response?.body as { key?: unknown } | undefined)?.key;
          return typeof key === 'string' ? key : undefined;
        });
        keys.set(spaceId, pending);
      }
      return pending;
    },
  };
}

/**
 * Keys compare case-insensitively (the policy is written by people; Confluence stores keys upper
 * case), so each key is asked for as written and upper case, and matched without case.
 */
async function lookUpAllowed(
  configured: readonly string[],
  request: ResolverRequest,
): Promise<AllowedSpaces> {
  const asked = [...new Set(configured.flatMap((key) => [key, key.toUpperCase()]))];
  const byKey = new Map<string, { id: string; key: string }>();
  for (let start = 0; start < asked.length; start += SPACES_PER_REQUEST) {
    const response = await request({
      api: 'v2',
      method: 'GET',
      path: '/spaces',
      query: { keys: asked.slice(start, start + SPACES_PER_REQUEST), limit: SPACES_PER_REQUEST },
    });
    for (const space of resultsOf(response.body)) {
      if (space.id == null || typeof space.key !== 'string') continue;
      byKey.set(space.key.toUpperCase(), { id: String(space.id), key: space.key });
    }
  }
  const found = configured.map((key) => byKey.get(key.toUpperCase()));
  return {
    keys: [...new Set(found.flatMap((space) => (space ? [space.key] : [])))],
    ids: new Set(found.flatMap((space) => (space ? [space.id] : []))),
    missing: configured.filter((_key, index) => found[index] === undefined),
  };
}

/** `undefined` for a 404 (no such object); other errors propagate. */
function orMissing(pending: Promise<HttpResponseData>): Promise<HttpResponseData | undefined> {
  return pending.catch((error: { status?: number }) => {
    if (error?.status === 404) return undefined;
    throw error;
  });
}

function resultsOf(body: unknown): Array<{ id?: unknown; key?: unknown }> {
  const results = (body as { results?: unknown } | undefined)?.results;
  return Array.isArray(results) ? (results as Array<{ id?: unknown; key?: unknown }>) : [];
}
