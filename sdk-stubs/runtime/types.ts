/**
 * Types of the in-isolate SDK runtime (this folder). The runtime is plain ECMAScript: it is
 * type-stripped into sdk-stubs/prelude.generated.js by `npm run generate` and runs inside the
 * isolate, where `call` is the only way out.
 */

/** Reaches the host operation `name`; rejects with the host's error re-created in the isolate. */
export type HostCall = (name: string, args: unknown) => Promise<unknown>;

/** What the sandbox hands the prelude besides `call` (sandbox/isolate/runtime.ts). */
export interface PreludeHelpers {
  /** True for errors the sandbox created from a host error (a failed SDK call). */
  isHostError?: (value: unknown) => boolean;
}

/** One registry operation as the runtime needs it (generated from the registry). */
export interface OperationStub {
  /** `pages.get`. */
  name: string;
  /** Input fields taken positionally, in order, before the options object. */
  positional: readonly string[];
  /** Lists that return `{ results, nextCursor }` and get `.all()` / `.iterate()`. */
  paged: boolean;
  /** Largest page the operation accepts: `.all()` asks for it to make fewer calls. */
  pageSize?: number;
}

export type SdkMethod = (...args: unknown[]) => Promise<unknown>;

/** The SDK object tree: namespaces of methods. */
export interface SdkNamespace {
  [member: string]: SdkNamespace | SdkMethod;
}

/** One page of a listing, as every paged operation answers. */
export interface ListPage {
  results: unknown[];
  nextCursor?: string;
}
