/**
 * The SDK as the sandbox installs it: the generated prelude (what runs in the isolate), the
 * generated declarations (what scripts are type-checked against) and the globals whose misuse
 * fails a run before it starts. Read from sdk-stubs/, which the registry test keeps in step with
 * the registry; `npm run generate` rewrites them.
 *
 * @example
 * import { createSandbox } from '../../sandbox/index.ts';
 * const sandbox = createSandbox({ surface: sdkSurface() });
 */
import { readFileSync } from 'node:fs';
import type { SandboxSurface } from '../../sandbox/types.ts';

const STUBS = new URL('../../sdk-stubs/', import.meta.url);

let cached: SandboxSurface | undefined;

/**
 * The prelude file is a formatted module holding one expression statement; the sandbox wants the
 * bare expression (it compiles `(${prelude})`), so the trailing semicolon goes.
 */
export function preludeExpression(fileText: string): string {
  return fileText.trimEnd().replace(/;$/, '');
}

/** The Confluence SDK surface for the sandbox (read once, then shared). */
export function sdkSurface(): SandboxSurface {
  cached ??= {
    prelude: preludeExpression(readFileSync(new URL('prelude.generated.js', STUBS), 'utf8')),
    declarations: readFileSync(new URL('confluence.d.ts', STUBS), 'utf8'),
    checkedGlobals: ['confluence'],
  };
  return cached;
}
