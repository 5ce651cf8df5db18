/**
 * The shape of one SDK operation: the seam between the registry (src/confluence/operations/, one
 * entry per operation: schema, docs, HTTP mapping) and the wire (src/confluence/http/ and the run
 * session: validation, policy, dry-run, ledger, retries). From the registry are generated
 * sdk-stubs/confluence.d.ts, the in-isolate stubs and the `describe_sdk` documentation.
 */
import type { z } from 'zod';
import type { OperationKind } from './types.ts';

/** Which Confluence REST API a request goes to: `/wiki/api/v2` or `/wiki/rest/api`. */
export type ApiVersion = 'v1' | 'v2';

export type QueryValue = string | number | boolean | ReadonlyArray<string | number> | undefined;

/** One HTTP request, relative to the site's API root. */
export interface HttpRequestSpec {
  api: ApiVersion;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below the API root with parameters already substituted and encoded: `/pages/123`. */
  path: string;
  query?: Record<string, QueryValue>;
  /** JSON body. */
  body?: unknown;
  /** Multipart body (attachment upload); mutually exclusive with `body`. */
  multipart?: Array<
    | { name: string; value: string }
    | { name: string; filename: string; contentType: string; data: Uint8Array }
  >;
  headers?: Record<string, string>;
  /** Resume a listing: a `_links.next` / `Link` URL returned by a previous page, used as is. */
  nextUrl?: string;
  /**
   * The most bytes this answer may have, lowered from the client's cap (never raised past it):
   * `attachments.download`'s `maxBytes`. The connection is dropped past it.
   */
  maxResponseBytes?: number;
  /**
   * A redirect is a normal answer here (the attachment download's 302): handed back, unfollowed,
   * when it leads inside the site's root; any other redirect is an error.
   */
  acceptRedirect?: boolean;
}

/** A response as the wire layer hands it back after retries and error mapping (2xx and 3xx only). */
export interface HttpResponseData {
  status: number;
  headers: Headers;
  /** Parsed JSON, or `undefined` for an empty body (204), or the raw bytes for binary downloads. */
  body: unknown;
  /** The next page's URL from `Link: <...>; rel="next"` or `_links.next`, when there is one. */
  nextUrl?: string;
}

/** What a composite operation (`execute`) may use: the wire and other operations. */
export interface OperationContext {
  /** Sends one request through the site's client (auth, rate limit, retries, typed errors). */
  request(spec: HttpRequestSpec): Promise<HttpResponseData>;
  /** Calls another registry operation by name (validated, but not separately ledgered). */
  call(operation: string, input: unknown): Promise<unknown>;
  signal: AbortSignal;
  /**
   * A memo that lives as long as the run (one Map per run session), for facts composites look up
   * repeatedly, such as a space key's id (`space-id:ENG` → `98306`). Optional: without it,
   * composites simply look the fact up again.
   */
  runCache?: Map<string, unknown>;
}

/**
 * The space an operation touches, as far as its input tells: a key, an id, or the content whose
 * space it is (the run session then reads that content's `spaceId`). Under an allowed-spaces
 * policy, a write that names none of these is refused: its space cannot be checked.
 */
export interface SpaceReference {
  key?: string;
  id?: string;
  /** A page the operation works on (its space is looked up with `GET /pages/{id}`). */
  pageId?: string;
  /** A blog post the operation works on (`GET /blogposts/{id}`). */
  blogPostId?: string;
  /**
   * Content of a type the input does not say (labels and uploads take any content id): looked up
   * as a page, then a blog post, then an attachment (whose container's space counts).
   */
  contentId?: string;
  /** An attachment (its container's space counts: `GET /attachments/{id}`). */
  attachmentId?: string;
  /** An inline task (`GET /tasks/{id}` names its space). */
  taskId?: string;
  /** A whiteboard (`GET /whiteboards/{id}`). */
  whiteboardId?: string;
  /** A footer comment (its page's, blog post's or attachment's space counts). */
  commentId?: string;
}

/**
 * What an operation's answer means to the allowed-spaces policy when its input names no space:
 * `site` for site-level facts that are no space's content (users, the site's label names), so
 * the policy lets them through; `every-space` for answers about every space's content that no
 * parameter narrows (audit records), so the policy refuses the operation.
 */
export type SiteWide = 'site' | 'every-space';

export interface OperationSpec<Input = unknown, Result = unknown> {
  /** `resource.method`, e.g. `pages.get`; the path under the global `confluence`. */
  name: string;
  /** One line for the index and the d.ts. */
  summary: string;
  /** Longer documentation, if the summary is not enough. */
  description?: string;
  /** Composio's tool name (e.g. `CONFLUENCE_CREATE_PAGE`), so either name finds the operation. */
  composioName?: string;
  /** The official OpenAPI `operationId` this operation maps to, when there is one. */
  operationId?: string;
  /**
   * The Confluence endpoint, as `METHOD /wiki/...` with the spec's path template (e.g.
   * `GET /wiki/api/v2/pages/{id}`); for composites, the main one. Documentation and tests only.
   */
  endpoint?: string;
  kind: OperationKind;
  /** Safe to retry after a 5xx or a network error. Defaults: reads yes, PUT/DELETE yes, POST no. */
  idempotent?: boolean;
  /** Input schema; every field carries `.describe()` text, the model's only documentation of it. */
  input: z.ZodType<Input>;
  /** Input fields taken positionally before the options object: `['id']` gives `get(id, options?)`. */
  positional?: readonly string[];
  /** TypeScript type of the result, as written in confluence.d.ts (e.g. `Page`, `Paged<Label>`). */
  resultType: string;
  /** A short script using the operation, for the `@example` tag and `describe_sdk`. */
  example: string;
  /** A single request: the common case. */
  request?: (input: Input) => HttpRequestSpec;
  /** Maps the response body to the result handed to the script (default: the body as is). */
  transform?: (response: HttpResponseData, input: Input) => Result;
  /** A composite operation built from several requests or operations (space by key, move, tree). */
  execute?: (input: Input, context: OperationContext) => Promise<Result>;
  /** For writes: what the write touches, in words (`page 123`), for the envelope and the ledger. */
  target?: (input: Input) => string;
  /**
   * Every object the operation touches whose space the input tells (a move: the page and its
   * target), for the allowed-spaces policy; each is checked before anything is sent.
   */
  space?: (input: Input) => SpaceReference | readonly SpaceReference[] | undefined;
  /**
   * For list and search reads: the input rewritten so that Confluence itself answers from the
   * allowed spaces only (`space-id` filled in, CQL narrowed), so counts and cursors stay true.
   * `keys` are the allowed spaces' keys as the site spells them.
   */
  narrow?: (input: Input, keys: readonly string[]) => Input;
  /** See {@link SiteWide}; unset for operations whose answers are in a space. */
  siteWide?: SiteWide;
  /** For writes under dry-run: a plausible synthetic result so the script carries on. */
  plan?: (input: Input) => Result;
  /** How a list operation pages: `cursor` (v2 Link/_links.next), `offset` (v1 start/limit) or none. */
  pagination?: 'cursor' | 'offset' | 'none';
}

/** Helper that keeps the Input type of an entry tied to its schema. */
export function defineOperation<Schema extends z.ZodType, Result = unknown>(
  spec: OperationSpec<z.infer<Schema>, Result> & { input: Schema },
): OperationSpec<z.infer<Schema>, Result> {
  return spec;
}
