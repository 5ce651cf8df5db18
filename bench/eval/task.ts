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
  script: { code: string; params?: Record<string, unknown> };
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
