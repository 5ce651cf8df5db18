/**
 * Bundles the in-isolate runtime (sandbox/isolate/*.ts) into one script, once per sandbox, in the
 * parent: the workers receive it as a string and never start an esbuild service of their own.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { RUNTIME_GLOBAL_NAME } from '../protocol.ts';
import { siblingModule } from '../sibling-module.ts';

const ENTRY = fileURLToPath(siblingModule('../isolate/runtime.ts', import.meta.url));

/**
 * @returns JavaScript source declaring `var sandboxRuntime = { install }`.
 * @example const source = await bundleRuntime(); // then `${source}\nreturn sandboxRuntime.install(...)`
 */
export async function bundleRuntime(): Promise<string> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'iife',
    globalName: RUNTIME_GLOBAL_NAME,
    platform: 'neutral',
    target: 'esnext',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
