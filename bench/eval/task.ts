/**
 * One evaluation task: what a user asks, the `run_code` script a model would send, the direct-tool
 * call sequence a capable model would make instead, and the checker both must satisfy.
 */

/** The embedded emulator, reached over HTTP as the demo admin (setup and checkers). */
export interface Site {
  get<T = unknown>(path: string): Promise<T>;
  send<T = unknown>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T>;
}

/** What the direct-tools side may do: one model turn with one call, or several in parallel. */
export interface DirectClient {
  /** One turn, one tool call; the parsed JSON answer. Throws when the tool answers isError. */
  call<T = any>(tool: string, args: Record<string, unknown>): Promise<T>; // eslint-disable-line @typescript-eslint/no-explicit-any -- answers are Confluence JSON, read like a model reads them
  /** One turn with parallel tool calls (as models issue them); answers in order. */
  all<T = any>(calls: Array<[tool: string, args: Record<string, unknown>]>): Promise<T[]>; // eslint-disable-line @typescript-eslint/no-explicit-any -- as above
}

export interface EvalTask {
  id: string;
  /** The request as a user would phrase it. */
  prompt: string;
  /** Bulk tasks, worth running on the large generated site too. */
  bulk?: boolean;
  /** Prepares the fresh site (the same for both sides). */
  setup?: (site: Site) => Promise<void>;
  /** The `run_code` arguments: the script, its params and any budget the model would ask for. */
  script: { code: string; params?: Record<string, unknown>; resultBudget?: number };
  /**
   * Error codes after which the model sends the same script again (a run cap reached part way:
   * the script queries again, so what is done no longer matches). Each run is a round trip.
   */
  rerunOn?: readonly string[];
  /**
   * The direct-tools sequence: every argument comes from the prompt or from an earlier answer.
   * Returns the answer the model would give (for question tasks).
   */
  direct: (client: DirectClient) => Promise<unknown>;
  /** Throws (with a reason) unless the site's state or the answer is right. */
  check: (site: Site, answer: unknown) => Promise<void>;
}

/** A checker's assertion. */
export function expectThat(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** An item of Confluence JSON, read as a model reads it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any field may be read
export type Item = Record<string, any>;

/**
 * Every item of a listing tool, one turn per page, following `nextCursor` as a model would;
 * `until` stops after the first page holding an item it accepts (a sorted listing past its range).
 */
export async function everyItem(
  client: DirectClient,
  tool: string,
  args: Record<string, unknown>,
  until?: (item: Item) => boolean,
): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.call(tool, { ...args, ...(cursor ? { cursor } : {}) });
    items.push(...page.results);
    cursor = page.nextCursor ?? undefined;
    if (until && (page.results as Item[]).some(until)) break;
  } while (cursor);
  return items;
}
