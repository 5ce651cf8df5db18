/**
 * Writes a folder for editing scripts: the declarations, a tsconfig, an example script and a job
 * script (./templates.ts). Existing files are kept unless `force` says otherwise, and a refusal
 * names every file in the way, so nothing the user wrote is lost to a second `init`.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../exit-codes.ts';
import { editorDeclarations } from './editor-declarations.ts';
import { DECLARATIONS_FILE, EXAMPLE_SCRIPT, JOB_SCRIPT, TSCONFIG } from './templates.ts';

export interface ScaffoldOptions {
  /** Overwrite files that already exist. */
  force?: boolean;
}

/** The files init writes, in the order it lists them. */
export const SCAFFOLD_FILES = [DECLARATIONS_FILE, 'tsconfig.json', 'example.ts', 'relabel.job.ts'];

/**
 * @returns the paths written.
 * @throws {UsageError} when `directory` is a file, or holds a file init would overwrite.
 * @example await scaffold('scripts'); // scripts/confluence.d.ts, scripts/tsconfig.json, ...
 */
export async function scaffold(
  directory: string,
  options: ScaffoldOptions = {},
): Promise<string[]> {
  const contents: Record<string, string> = {
    [DECLARATIONS_FILE]: await editorDeclarations(),
    'tsconfig.json': TSCONFIG,
    'example.ts': EXAMPLE_SCRIPT,
    'relabel.job.ts': JOB_SCRIPT,
  };
  const existing = await stat(directory).catch(() => undefined);
  if (existing && !existing.isDirectory()) throw new UsageError(`${directory} is not a directory`);
  const targets = SCAFFOLD_FILES.map((name) => path.join(directory, name));
  if (!options.force) {
    const present = (
      await Promise.all(targets.map(async (file) => ((await exists(file)) ? file : undefined)))
    ).filter((file) => file !== undefined);
    if (present.length > 0)
      throw new UsageError(
        `init would overwrite ${present.join(', ')}; move them away or pass --force`,
      );
  }
  await mkdir(directory, { recursive: true });
  for (const [index, name] of SCAFFOLD_FILES.entries())
    await writeFile(targets[index]!, contents[name]!);
  return targets;
}

async function exists(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined)) !== undefined;
}
