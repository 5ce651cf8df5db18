/**
 * `npm run build` (and `prepack`): the TypeScript sources compiled to JavaScript in dist/, for the
 * installed package (Node does not strip types under node_modules). The tree is mirrored
 * (dist/src, dist/sandbox, dist/sdk-stubs) so every path a module resolves relative to itself
 * stays true, and every file the code reads at run time comes along without a list to keep:
 * whatever under src/, sandbox/ and sdk-stubs/ the compiler does not emit is copied, except
 * TypeScript sources and project files. A checkout keeps running the sources directly.
 *
 * The build ends with a check that every `new URL('…', import.meta.url)` and `siblingModule(…)`
 * of the emitted code names a file that is in dist/, so an asset or entry point added later that
 * the package would miss fails here, not on a user's machine.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODEL_FILES } from '../src/confluence/codegen/models-source.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIST = path.join(ROOT, 'dist');
const COPIED_TREES = ['src', 'sandbox', 'sdk-stubs'];
/** Read as text at run time (describe_sdk shows the result types with their JSDoc). */
const MODELS_DIRECTORY = 'src/confluence/operations/models';
const PROJECT_FILES = new Set(['tsconfig.json', 'README.md']);

/** Files the compiler does not emit and the code may read: assets, declarations, plain JS. */
function isRuntimeAsset(file: string): boolean {
  const name = path.basename(file);
  if (PROJECT_FILES.has(name)) return false;
  return !name.endsWith('.ts') || name.endsWith('.d.ts');
}

function compile(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json')], {
    stdio: 'inherit',
  });
}

function copyAssets(): void {
  for (const tree of COPIED_TREES) {
    cpSync(path.join(ROOT, tree), path.join(DIST, tree), {
      recursive: true,
      filter: (source) => statSync(source).isDirectory() || isRuntimeAsset(source),
    });
  }
  for (const file of MODEL_FILES) {
    cpSync(path.join(ROOT, MODELS_DIRECTORY, file), path.join(DIST, MODELS_DIRECTORY, file));
  }
}

const URL_LITERAL = /new URL\(\s*(['"])([^'"]+)\1\s*,\s*import\.meta\.url\s*\)/g;
const SIBLING_LITERAL = /siblingModule\(\s*(['"])([^'"]+)\1\s*,\s*import\.meta\.url\s*\)/g;

/**
 * @returns one line per reference of the emitted code that points at nothing in dist/.
 * @example danglingReferences('dist'); // [] when the package holds every file its code names
 */
export function danglingReferences(distDirectory: string): string[] {
  const problems: string[] = [];
  const files = readdirSync(distDirectory, { recursive: true, encoding: 'utf8' }).filter((file) =>
    file.endsWith('.js'),
  );
  for (const file of files) {
    const absolute = path.join(distDirectory, file);
    const text = readFileSync(absolute, 'utf8');
    const check = (specifier: string, target: string) => {
      if (!existsSync(path.resolve(path.dirname(absolute), target)))
        problems.push(`${file}: '${specifier}' is not in the package (looked for ${target})`);
    };
    for (const [, , specifier] of text.matchAll(URL_LITERAL)) {
      if (specifier!.endsWith('.ts') && !specifier!.endsWith('.d.ts'))
        problems.push(
          `${file}: '${specifier}' is a TypeScript source, not in the package; start a module with siblingModule()`,
        );
      else check(specifier!, specifier!);
    }
    for (const [, , specifier] of text.matchAll(SIBLING_LITERAL))
      check(specifier!, specifier!.replace(/\.ts$/, '.js'));
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  rmSync(DIST, { recursive: true, force: true });
  compile();
  copyAssets();
  const problems = danglingReferences(DIST);
  if (problems.length > 0) {
    console.error(`build: ${problems.length} reference(s) the package would miss:`);
    for (const problem of problems) console.error(`  ${problem}`);
    process.exit(1);
  }
  console.error(`build: dist/ is ready`);
}
