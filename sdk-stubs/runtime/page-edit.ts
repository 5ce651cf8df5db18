/**
 * `confluence.pages.edit(id, change, options)`: read the page, let the script's function change
 * it, write it back with the next version number, and on a 409 (someone saved in between) read
 * again and re-apply the function. The function runs here, in the isolate: only the two calls
 * reach the host, so the page body never leaves the sandbox.
 */
import type { SdkMethod } from './types.ts';

export const DEFAULT_EDIT_ATTEMPTS = 3;
export const MAX_EDIT_ATTEMPTS = 10;

type EditFunction = (draft: Confluence.PageEditDraft) => unknown;

interface PagesApi {
  get: SdkMethod;
  update: SdkMethod;
}

/** The function's answer as `{ title?, body?, message? }`, or `null` for "no change". */
function normalizeChange(
  change: unknown,
): { title?: string; body?: string; message?: string } | null {
  if (change === undefined || change === null) return null;
  if (typeof change === 'string') return { body: change };
  if (typeof change === 'object' && !Array.isArray(change)) {
    return change as { title?: string; body?: string; message?: string };
  }
  throw new TypeError(
    'confluence.pages.edit: the function must return the new body (a string), { title?, body?, message? }, or nothing',
  );
}

function attemptsOf(options: Confluence.PageEditOptions): number {
  const attempts = options.maxAttempts ?? DEFAULT_EDIT_ATTEMPTS;
  if (!Number.isInteger(attempts) || attempts < 1 || attempts > MAX_EDIT_ATTEMPTS) {
    throw new RangeError(
      `confluence.pages.edit: maxAttempts must be 1-${MAX_EDIT_ATTEMPTS}, got ${String(attempts)}`,
    );
  }
  return attempts;
}

function isConflict(error: unknown): boolean {
  const fields = error as { status?: unknown; code?: unknown } | null;
  return (
    typeof fields === 'object' &&
    fields !== null &&
    (fields.status === 409 || fields.code === 'CONFLICT')
  );
}

export function createPageEdit(pages: PagesApi) {
  return async function edit(
    id: string | number,
    change: EditFunction,
    options: Confluence.PageEditOptions = {},
  ): Promise<Confluence.PageEditResult> {
    if (typeof change !== 'function') {
      throw new TypeError(
        'confluence.pages.edit: the second argument must be a function (draft) => change',
      );
    }
    const format = options.format ?? 'storage';
    const maxAttempts = attemptsOf(options);
    for (let attempt = 1; ; attempt++) {
      const page = (await pages.get(id, { bodyFormat: format })) as Confluence.Page;
      const body = page.body?.[format]?.value ?? '';
      const draft = {
        id: page.id,
        title: page.title,
        body,
        format,
        version: page.version.number,
        page,
      };
      const wanted = normalizeChange(await change(draft));
      const title = wanted?.title ?? page.title;
      const newBody = wanted?.body ?? body;
      if (!wanted || (title === page.title && newBody === body)) {
        return { page, changed: false, attempts: attempt };
      }
      const message = wanted.message ?? options.message;
      try {
        const updated = (await pages.update(page.id, {
          version:
            message === undefined
              ? page.version.number + 1
              : { number: page.version.number + 1, message },
          title,
          status: page.status === 'draft' ? 'draft' : 'current',
          // An unchanged markdown body is left out: the host then keeps the stored body as is,
          // rather than round-tripping it through markdown.
          ...(newBody === body && format === 'markdown'
            ? {}
            : { body: format === 'markdown' ? { markdown: newBody } : { storage: newBody } }),
        })) as Confluence.Page;
        return { page: updated, changed: true, attempts: attempt };
      } catch (error) {
        if (!isConflict(error) || attempt >= maxAttempts) throw error;
      }
    }
  };
}
