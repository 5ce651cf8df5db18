/**
 * Documentation of the SDK members that run inside the isolate instead of on the host
 * (sdk-stubs/runtime/): `pages.edit` and `isError`. The `.all()` and `.iterate()` of paged
 * operations are documented with each operation. Their declarations go into confluence.d.ts and
 * `describe_sdk` like an operation's.
 */

export interface HelperSpec {
  /** Path under `confluence`: `pages.edit`. */
  name: string;
  summary: string;
  description?: string;
  /** `read`, `write` (it writes through registry operations), or `none`. */
  kind: 'read' | 'write' | 'none';
  /** The member's declaration in its API interface, without JSDoc. */
  declaration: string;
  parameters: ReadonlyArray<{ name: string; description: string }>;
  /** Model types the declaration uses, for `describe_sdk`. */
  types: readonly string[];
  example: string;
  /** Registry operations it calls (what an operation allow-list must permit). */
  calls: readonly string[];
}

export const HELPERS: readonly HelperSpec[] = [
  {
    name: 'pages.edit',
    summary:
      'Read a page, change it with your function, save it; on a version conflict, re-read and retry.',
    description:
      'Your function gets the current title and body (storage XHTML, or markdown with `format: "markdown"`) and returns the new body, `{ title?, body?, message? }`, or nothing to leave the page alone. It runs again on fresh content after a 409. Nothing is written when nothing changed.',
    kind: 'write',
    declaration:
      'edit(id: string | number, change: (draft: PageEditDraft) => PageEditChange | Promise<PageEditChange>, options?: PageEditOptions): Promise<PageEditResult>;',
    parameters: [
      { name: 'id', description: 'The page id.' },
      {
        name: 'change',
        description: 'Your edit: (draft) => new body, or { title?, body?, message? }, or nothing.',
      },
      {
        name: 'options',
        description: 'format ("storage" or "markdown"), maxAttempts (default 3), message.',
      },
    ],
    types: ['PageEditDraft', 'PageEditChange', 'PageEditOptions', 'PageEditResult'],
    example: `const result = await confluence.pages.edit('65537', (draft) =>
  draft.body.replace('Status: draft', 'Status: approved'),
);
return { changed: result.changed, version: result.page.version.number, attempts: result.attempts };`,
    calls: ['pages.get', 'pages.update'],
  },
  {
    name: 'isError',
    summary:
      'Tell whether a caught value is a failed SDK call, optionally with this status or code.',
    kind: 'none',
    declaration:
      'isError(error: unknown, statusOrCode?: number | string): error is ConfluenceError;',
    parameters: [
      { name: 'error', description: 'What you caught.' },
      {
        name: 'statusOrCode',
        description: 'An HTTP status (404) or a code ("CONFLICT") to match.',
      },
    ],
    types: ['ConfluenceError'],
    example: `try {
  return await confluence.pages.get('999999');
} catch (error) {
  if (confluence.isError(error, 404)) return 'no such page';
  throw error;
}`,
    calls: [],
  },
];
