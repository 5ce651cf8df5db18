/**
 * What to do with a write whose intent was recorded but whose outcome was not (the process died
 * while it was in flight, or the answer was a 5xx or a dropped connection, after which Confluence
 * may or may not have applied it). Confluence has no idempotency key (notes/jobs-triggers-scale.md
 * §1d), so each kind of write is checked against Confluence's own state before anything is sent
 * again. A write with no way to check fails its item rather than risk applying it twice.
 */
import { markdownToStorage } from '../../confluence/index.ts';

/** Calls an operation of the item's session (policy, retries and the rate limit apply). */
export type SessionCall = (operation: string, args: unknown) => Promise<unknown>;

/** A write's answer found on Confluence (`found`), or the go-ahead to send it (`send`). */
export type Reconciled = { found: true; answer: unknown } | { found: false };

/** What the intent keeps so that the check needs nothing but Confluence. */
export interface WriteExpectation {
  /** Updates: the version number the write creates. */
  version?: number;
  /** Updates: the version message that marks the version as this item's. */
  marker?: string;
  /** Comments: the body in storage format. */
  body?: string;
}

/** The operations whose updates carry a version, and how to read the content back. */
const VERSIONED: Record<string, string> = {
  'pages.update': 'pages.get',
  'blogposts.update': 'blogposts.get',
};

/** Removals: resent after they were applied, Confluence answers 404, which means done. */
export const REMOVALS = new Set(['labels.remove', 'pages.delete', 'blogposts.delete']);

/** Operations that Confluence applies at most once by themselves, or that are no-ops when resent. */
const RESENDABLE = new Set(['labels.add', 'pages.update', 'blogposts.update', ...REMOVALS]);

/**
 * The expectation recorded with a write's intent, and the arguments actually sent: an update
 * without a version message gets `marker` as its message, so a read-back can tell it is ours.
 *
 * @example
 * expectationOf('pages.update', { id: '1', version: 3 }, 'wb-job j1 item 7');
 * // { args: { id: '1', version: { number: 3, message: 'wb-job j1 item 7' } }, expected: { version: 3, marker: 'wb-job j1 item 7' } }
 */
export function expectationOf(
  operation: string,
  args: unknown,
  marker: string,
): { args: unknown; expected: WriteExpectation } {
  const input = (args ?? {}) as Record<string, unknown>;
  if (operation in VERSIONED) {
    const raw = input['version'];
    const version =
      typeof raw === 'number'
        ? { number: raw }
        : ((raw ?? {}) as { number?: number; message?: string });
    if (typeof version.number !== 'number') return { args, expected: {} };
    const message = version.message ?? marker;
    return {
      args: { ...input, version: { ...version, message } },
      expected: { version: version.number, marker: message },
    };
  }
  if (operation === 'comments.create') {
    const body = storageOf(input['body']);
    return { args, expected: body === undefined ? {} : { body } };
  }
  return { args, expected: {} };
}

/**
 * Looks on Confluence for the effect of a write that may have been applied.
 * @throws the session's error when a read fails; `WRITE_OUTCOME_UNKNOWN` when nothing can check.
 */
export async function reconcileWrite(
  operation: string,
  args: unknown,
  expected: WriteExpectation,
  call: SessionCall,
): Promise<Reconciled> {
  const input = (args ?? {}) as Record<string, unknown>;
  if (RESENDABLE.has(operation)) return { found: false };
  if (operation === 'comments.create' && typeof input['pageId'] === 'string') {
    if (expected.body === undefined) return unknownOutcome(operation);
    return findComment(input['pageId'], expected.body, call);
  }
  if (operation === 'pages.create' && typeof input['title'] === 'string') {
    const found = (await call('pages.list', {
      spaceId: input['spaceId'],
      title: input['title'],
    })) as { results?: unknown[] };
    const first = found.results?.[0];
    return first === undefined ? { found: false } : { found: true, answer: first };
  }
  if (operation === 'attachments.upload' && typeof input['contentId'] === 'string') {
    const found = (await call('pages.attachments', {
      id: input['contentId'],
      filename: input['filename'],
    })) as { results?: unknown[] };
    const first = found.results?.[0];
    return first === undefined ? { found: false } : { found: true, answer: first };
  }
  return unknownOutcome(operation);
}

/**
 * A re-sent update answered 409: the version it asked for exists. It is ours when that version
 * carries our marker; else someone else changed the content, and the 409 stands.
 */
export async function updateWasOurs(
  operation: string,
  args: unknown,
  expected: WriteExpectation,
  call: SessionCall,
): Promise<Reconciled> {
  const reader = VERSIONED[operation];
  const id = (args as { id?: unknown } | undefined)?.id;
  if (!reader || expected.version === undefined || typeof id !== 'string') return { found: false };
  const page = (await call(reader, { id, bodyFormat: 'storage' })) as {
    version?: { number?: number; message?: string };
  };
  const ours =
    page.version?.number === expected.version && page.version.message === expected.marker;
  return ours ? { found: true, answer: page } : { found: false };
}

async function findComment(pageId: string, body: string, call: SessionCall): Promise<Reconciled> {
  let cursor: string | undefined;
  do {
    const page = (await call('pages.footerComments', {
      id: pageId,
      bodyFormat: 'storage',
      limit: 250,
      ...(cursor ? { cursor } : {}),
    })) as { results?: { body?: { storage?: { value?: string } } }[]; nextCursor?: string };
    const match = page.results?.find(
      (comment) => normalized(comment.body?.storage?.value) === normalized(body),
    );
    if (match) return { found: true, answer: match };
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { found: false };
}

function storageOf(body: unknown): string | undefined {
  const value = (body ?? {}) as Record<string, unknown>;
  if (typeof value['storage'] === 'string') return value['storage'];
  if (typeof value['markdown'] === 'string') return markdownToStorage(value['markdown']);
  if (value['representation'] === 'storage' && typeof value['value'] === 'string')
    return value['value'];
  return undefined;
}

function normalized(value: string | undefined): string | undefined {
  return value?.replace(/\s+/g, ' ').trim();
}

function unknownOutcome(operation: string): never {
  throw Object.assign(
    new Error(
      `${operation}: an earlier attempt sent this write and its outcome was never recorded; the job cannot check on Confluence whether it was applied, so it is not sent again (check it by hand, then retry the item)`,
    ),
    { code: 'WRITE_OUTCOME_UNKNOWN', phase: 'runtime' },
  );
}
