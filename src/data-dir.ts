/**
 * Creating the directories the workbench stores its data in (WORKBENCH_DATA_DIR), with one clear
 * sentence when that cannot work. Node's `mkdirSync(…, { recursive: true })` is not used: under
 * /proc, where mkdir answers ENOENT for a parent that exists, it retries for ever (the command hung,
 * ignoring SIGTERM); here each missing level is created once, and any failure is a ConfigError
 * (exit code 2) naming the directory and the reason.
 */
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from './config.ts';

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EEXIST: 'it exists and is not a directory',
  ENOENT: 'the system refuses to create it there',
  ENOSPC: 'no space left on the device',
};

/**
 * Makes sure `directory` exists, is a directory and is writable.
 *
 * @throws {ConfigError} with one sentence (the CLI prints it and exits with code 2).
 * @example
 * ensureDirectory('/var/lib/workbench', 'WORKBENCH_DATA_DIR');
 */
export function ensureDirectory(directory: string, setting = 'WORKBENCH_DATA_DIR'): void {
  const target = path.resolve(directory);
  const fail = (reason: string): never => {
    throw new ConfigError(
      `cannot use "${target}" for data (${setting} or --data-dir): ${reason}; choose a writable directory`,
    );
  };
  const missing: string[] = [];
  let existing = target;
  for (;;) {
    const kind = kindOf(existing);
    if (kind === 'directory') break;
    if (kind === 'other') fail(existing === target ? REASONS['EEXIST']! : REASONS['ENOTDIR']!);
    if (kind instanceof Error) fail(reasonOf(kind));
    missing.unshift(existing);
    const parent = path.dirname(existing);
    if (parent === existing) fail('its root does not exist');
    existing = parent;
  }
  for (const level of missing) {
    try {
      mkdirSync(level);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || kindOf(level) !== 'directory')
        fail(reasonOf(error));
    }
  }
  try {
    accessSync(target, constants.W_OK | constants.X_OK);
  } catch (error) {
    fail(reasonOf(error));
  }
}

function kindOf(candidate: string): 'directory' | 'other' | 'missing' | Error {
  try {
    return statSync(candidate).isDirectory() ? 'directory' : 'other';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : (error as Error);
  }
}

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  return (code && REASONS[code]) ?? (error as Error)?.message ?? String(error);
}
