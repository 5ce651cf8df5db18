/**
 * Compiles the user's TypeScript to one script whose completion value is an async function, with
 * a source map back to the user's lines. Both forms a model writes are accepted:
 * statements with top-level `await` and a final `return` (wrapped in an async arrow, one header
 * line, shared/notes/isolated-vm.md §6), or a module with `export default async function (params)`
 * (converted to CommonJS and called with `params`).
 */
import { transform, type Message, type TransformOptions } from 'esbuild';
import type { ModuleEntry, RunError } from '../types.ts';
import { codeFrame } from './code-frame.ts';
import { detectForm, type ScriptForm } from './script-form.ts';

export type { ScriptForm } from './script-form.ts';

export interface CompiledScript {
  form: ScriptForm;
  /** The script the worker runs; its completion value is `async (params) => result`. */
  js: string;
  /** esbuild's source map (JSON) from `js` minus its header lines to the esbuild input. */
  map: string;
  /** Lines in `js` before esbuild's output. */
  outputHeaderLines: number;
  /** Lines in esbuild's input before the user's first line. */
  inputHeaderLines: number;
  /** The user's source, for code frames. */
  source: string;
}

export type CompileOutcome = { ok: true; script: CompiledScript } | { ok: false; error: RunError };

const DEFAULT_EXPORT_PATTERN = /\bexport\s+default\b|\bas\s+default\b/;
const IMPORT_PATTERN = /^[ \t]*import\s+(?!type\b)[\w{*'"]/m;

const BASE_OPTIONS: TransformOptions = {
  loader: 'ts',
  target: 'esnext',
  sourcemap: 'external',
  sourcefile: 'user.ts',
  sourcesContent: false,
  logLevel: 'silent',
};

const MODULE_HEADER =
  '(async () => { const module = { exports: {} }; const exports = module.exports;\n';
const MODULE_FOOTER =
  '\nconst main = module.exports.default;' +
  " if (typeof main !== 'function') throw new TypeError('export default must be a function, got ' + typeof main);" +
  ' return await main(params); })';

/** Transforms kept: a job runs one script for thousands of items, each with its own footer. */
const TRANSFORM_CACHE_SIZE = 16;
const transforms = new Map<string, Promise<{ code: string; map: string }>>();

/** esbuild's output for this input, computed once while it stays among the last few inputs. */
function transformOnce(input: string, form: ScriptForm): Promise<{ code: string; map: string }> {
  const key = `${form}\0${input}`;
  const cached = transforms.get(key);
  if (cached) {
    transforms.delete(key);
    transforms.set(key, cached);
    return cached;
  }
  const output = transform(input, {
    ...BASE_OPTIONS,
    ...(form === 'module' ? { format: 'cjs' as const } : {}),
  }).then(({ code, map }) => ({ code, map }));
  transforms.set(key, output);
  // A failed transform is not kept: its error is reported each time, and nothing leaks.
  output.catch(() => transforms.delete(key));
  while (transforms.size > TRANSFORM_CACHE_SIZE) transforms.delete(transforms.keys().next().value!);
  return output;
}

/**
 * The footer that calls another export than `default(params)`. The arguments are embedded as a
 * JSON literal (valid JavaScript since ES2019), so they cross like `params` do: as JSON only.
 */
function entryFooter(entry: ModuleEntry): string {
  if (entry.describe) {
    return (
      '\nreturn Object.fromEntries(Object.entries(module.exports).map(([name, value]) =>' +
      " [name, typeof value === 'function' ? value.constructor.name : typeof value])); })"
    );
  }
  const name = JSON.stringify(entry.name);
  const args = JSON.stringify(entry.args);
  const call =
    `const main = module.exports[${name}];` +
    ` if (typeof main !== 'function') throw new TypeError('export ' + ${name} + ' must be a function, got ' + typeof main);` +
    ` const args = ${args};`;
  if (!entry.collect) return `\n${call} return await main(...args); })`;
  const max = Math.max(0, Math.floor(entry.collect.maxValues));
  return (
    `\n${call} const values = []; for await (const value of main(...args)) {` +
    ` if (values.length >= ${max}) { const error = new RangeError('export ' + ${name} + ' yielded more than ${max} values'); error.code = 'ENTRY_TOO_MANY_VALUES'; throw error; }` +
    ` values.push(value); } return values; })`
  );
}

/**
 * @example
 * const outcome = await compileScript('const x: number = 1;\nreturn x + 1;');
 * if (outcome.ok) worker.run(outcome.script.js);
 */
export async function compileScript(source: string, entry?: ModuleEntry): Promise<CompileOutcome> {
  const form = detectForm(source);
  const importMatch = IMPORT_PATTERN.exec(source);
  if (importMatch) {
    const line = source.slice(0, importMatch.index).split('\n').length;
    return failure(
      source,
      line,
      1,
      'IMPORT_NOT_SUPPORTED',
      'imports are not available in the sandbox',
      {
        hint: 'Use the globals instead (the SDK, params, console, progress); nothing can be imported.',
      },
    );
  }
  if (entry && form !== 'module') {
    return failure(
      source,
      1,
      1,
      'NOT_A_MODULE',
      `the script must be a module exporting ${entry.name}`,
      {
        hint: 'Write `export default async function (item, params) { … }`.',
      },
    );
  }
  if (form === 'module' && !DEFAULT_EXPORT_PATTERN.test(source)) {
    return failure(source, 1, 1, 'NO_DEFAULT_EXPORT', 'a module must export a default function', {
      hint: 'Write `export default async function (params) { … }`, or plain statements with a final `return`.',
    });
  }
  const inputHeaderLines = form === 'statements' ? 1 : 0;
  const input = form === 'statements' ? `(async () => {\n${source}\n})` : source;
  try {
    const output = await transformOnce(input, form);
    const footer = entry ? entryFooter(entry) : MODULE_FOOTER;
    const js = form === 'statements' ? output.code : MODULE_HEADER + output.code + footer;
    const outputHeaderLines = form === 'statements' ? 0 : 1;
    return {
      ok: true,
      script: { form, js, map: output.map, outputHeaderLines, inputHeaderLines, source },
    };
  } catch (error) {
    return syntaxFailure(source, inputHeaderLines, error);
  }
}

function syntaxFailure(source: string, inputHeaderLines: number, error: unknown): CompileOutcome {
  const message = (error as { errors?: Message[] }).errors?.[0];
  if (!message) {
    return {
      ok: false,
      error: {
        phase: 'compile',
        code: 'COMPILE_FAILED',
        message: 'the script could not be compiled',
      },
    };
  }
  const userLines = source.split('\n').length;
  const location = message.location;
  const line = Math.min(Math.max(1, (location?.line ?? 1) - inputHeaderLines), userLines);
  // esbuild's column counts UTF-8 bytes; the author counts characters.
  const column = location
    ? Buffer.from(location.lineText).subarray(0, location.column).toString().length + 1
    : 1;
  const hint = /top-level await/i.test(message.text)
    ? 'In a module, put the awaits inside the default-exported function.'
    : undefined;
  return failure(source, line, column, 'SYNTAX_ERROR', message.text, hint ? { hint } : {});
}

function failure(
  source: string,
  line: number,
  column: number,
  code: string,
  message: string,
  extra: Partial<RunError>,
): CompileOutcome {
  return {
    ok: false,
    error: {
      phase: 'compile',
      code,
      message: `${message} (line ${line}, column ${column})`,
      line,
      column,
      frame: codeFrame(source, line, column),
      ...extra,
    },
  };
}
