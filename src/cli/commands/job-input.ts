/** What `job start` reads: the job script and the items (JSONL, or a JSON array, from a file or stdin). */
import { readFile } from 'node:fs/promises';
import { UsageError } from '../exit-codes.ts';
import { type CliIo, readAll } from '../io.ts';

export async function readJobScript(file: string, io: CliIo): Promise<string> {
  if (file === '-') return readAll(io.stdin);
  return readText(file, 'the job script');
}

/**
 * @example
 * await readItems('pages.jsonl', io); // [{ id: '65537' }, ...]
 * @throws UsageError naming the file and the line that is not JSON.
 */
export async function readItems(file: string, io: CliIo): Promise<unknown[]> {
  const text = file === '-' ? await readAll(io.stdin) : await readText(file, 'the items file');
  const name = file === '-' ? 'stdin' : file;
  if (text.trimStart().startsWith('[')) {
    try {
      return JSON.parse(text) as unknown[];
    } catch (error) {
      throw new UsageError(`${name} is not a JSON array: ${(error as Error).message}`);
    }
  }
  const items: unknown[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      items.push(JSON.parse(line) as unknown);
    } catch (error) {
      throw new UsageError(
        `line ${index + 1} of ${name} is not JSON (${(error as Error).message}); the items are JSONL: one JSON value a line`,
      );
    }
  });
  return items;
}

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'no such file'
        : (error as Error).message;
    throw new UsageError(`cannot read ${what} "${file}": ${reason}`);
  }
}
