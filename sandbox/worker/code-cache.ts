/**
 * V8 code caching for the scripts every isolate of a worker compiles the same way (the SDK
 * prelude and the in-isolate runtime): the first isolate compiles them and produces cached data,
 * later isolates consume it instead of parsing and compiling again (shared/notes/isolated-vm.md
 * §0.8: `cachedData` before snapshots). Each isolate is still fresh: only V8's compiled form of
 * trusted, fixed source is shared, never a heap object or a value. Data V8 rejects (another V8
 * build, a changed flag) is dropped and produced again; the compile itself never fails because of
 * the cache.
 */
import type ivm from 'isolated-vm';

/** What compileScript sets on the script with the cache options (isolated-vm's d.ts omits it). */
type CompiledWithCache = ivm.Script & ivm.CachedDataResult & { cachedDataRejected?: boolean };

export class CodeCache {
  private readonly entries = new Map<string, ivm.ExternalCopy<ArrayBuffer>>();

  /**
   * Compiles `source` in `isolate`, from the cached data of an earlier compile when there is one.
   *
   * @example
   * const cache = new CodeCache();
   * const script = await cache.compile(isolate, preludeSource, 'file:///sandbox/prelude.js');
   */
  async compile(isolate: ivm.Isolate, source: string, filename: string): Promise<ivm.Script> {
    const key = `${filename}\0${source}`;
    const cachedData = this.entries.get(key);
    if (cachedData) {
      const script: CompiledWithCache = await isolate.compileScript(source, {
        filename,
        cachedData,
      });
      if (!script.cachedDataRejected) return script;
      this.entries.delete(key);
      cachedData.release();
      return script;
    }
    const script: CompiledWithCache = await isolate.compileScript(source, {
      filename,
      produceCachedData: true,
    });
    if (script.cachedData) this.entries.set(key, script.cachedData);
    return script;
  }
}
