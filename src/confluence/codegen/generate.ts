/**
 * Writes the generated SDK surfaces from the registry: sdk-stubs/confluence.d.ts and
 * sdk-stubs/prelude.generated.js. `npm run generate` writes them; `--check` only compares and
 * exits 1 on drift (the registry test does the same in memory).
 *
 * @example
 * const files = await generateFiles();
 * for (const file of files) console.log(file.path, file.content.length);
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { format } from 'prettier';
import { OPERATIONS } from '../operations/index.ts';
import { buildDeclarations } from './declarations.ts';
import { modelDeclarations } from './models-source.ts';
import { buildPrelude } from './prelude.ts';

export interface GeneratedFile {
  /** Absolute path. */
  path: string;
  content: string;
}

const STUBS = new URL('../../../sdk-stubs/', import.meta.url);
export const DECLARATIONS_PATH = fileURLToPath(new URL('confluence.d.ts', STUBS));
export const PRELUDE_PATH = fileURLToPath(new URL('prelude.generated.js', STUBS));
const PRETTIER_OPTIONS = { singleQuote: true, printWidth: 100, trailingComma: 'all' } as const;

/** Every generated file's content, formatted as the checked-in copy is. */
export async function generateFiles(): Promise<GeneratedFile[]> {
  const declarations = buildDeclarations({ operations: OPERATIONS, models: modelDeclarations() });
  const prelude = buildPrelude(OPERATIONS);
  return [
    {
      path: DECLARATIONS_PATH,
      content: await format(declarations, { ...PRETTIER_OPTIONS, parser: 'typescript' }),
    },
    {
      path: PRELUDE_PATH,
      content: await format(prelude, { ...PRETTIER_OPTIONS, parser: 'babel' }),
    },
  ];
}

/** The generated files whose checked-in copy differs from what the registry gives now. */
export async function driftedFiles(): Promise<string[]> {
  const drifted: string[] = [];
  for (const file of await generateFiles()) {
    const current = await readFile(file.path, 'utf8').catch(() => '');
    if (current !== file.content) drifted.push(file.path);
  }
  return drifted;
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--check')) {
    const drifted = await driftedFiles();
    for (const path of drifted) console.error(`out of date: ${path} (run npm run generate)`);
    return drifted.length === 0 ? 0 : 1;
  }
  for (const file of await generateFiles()) {
    await writeFile(file.path, file.content);
    console.log(`wrote ${file.path}`);
  }
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2));
}
