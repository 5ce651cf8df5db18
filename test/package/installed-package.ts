/**
 * Test helper: the npm package as a user gets it. It is packed and installed with
 * scripts/package.sh, the script the Dockerfile runs, into a temporary global prefix; the
 * installed command then runs with a PATH that holds that prefix, a Node.js and the system, and
 * nothing of the checkout (its node_modules/.bin in particular).
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const PACKAGE_SCRIPT = path.join(ROOT, 'scripts/package.sh');
const run = promisify(execFile);

export interface InstalledPackage {
  /** The global prefix: the command is in bin/, the package in lib/node_modules/. */
  prefix: string;
  /** lib/node_modules/confluence-workbench. */
  packageDirectory: string;
  command: string;
  /** The tarball `npm pack` wrote. */
  tarball: string;
  /** A scratch folder for data and working directories. */
  scratch: string;
  remove(): void;
}

/** PATH for the installed command: the prefix, then `nodeDirectory`, then the system. */
export function installedPath(prefix: string, nodeDirectory: string): string {
  return [path.join(prefix, 'bin'), nodeDirectory, '/usr/local/bin', '/usr/bin', '/bin'].join(
    path.delimiter,
  );
}

/** An environment that reaches no real site and keeps the checkout out of reach. */
export function installedEnvironment(
  installed: InstalledPackage,
  nodeDirectory = path.dirname(process.execPath),
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env))
    if (!/^(CONFLUENCE_|WORKBENCH_|npm_|NODE_OPTIONS$|VITEST)/.test(name)) env[name] = value;
  env.PATH = installedPath(installed.prefix, nodeDirectory);
  env.WORKBENCH_DATA_DIR = path.join(installed.scratch, 'data');
  return env;
}

/** Packs the checkout and installs the tarball globally into a new temporary prefix. */
export async function packAndInstall(): Promise<InstalledPackage> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'cw-package-'));
  const env = { ...process.env };
  // The checkout's Node 24 first, as npm scripts have it.
  env.PATH = [path.dirname(process.execPath), env.PATH].join(path.delimiter);
  const out = path.join(scratch, 'out');
  const prefix = path.join(scratch, 'prefix');
  await run('sh', [PACKAGE_SCRIPT, 'pack', out], { cwd: ROOT, env });
  const tarballs = readdirSync(out).filter((name) => name.endsWith('.tgz'));
  if (tarballs.length !== 1) throw new Error(`expected one tarball in ${out}, got ${tarballs}`);
  const tarball = path.join(out, tarballs[0]!);
  await run('sh', [PACKAGE_SCRIPT, 'install', tarball, prefix], { cwd: scratch, env });
  const packageDirectory = path.join(prefix, 'lib/node_modules/confluence-workbench');
  const command = path.join(prefix, 'bin/confluence-workbench');
  if (!existsSync(command)) throw new Error(`the install made no command at ${command}`);
  return {
    prefix,
    packageDirectory,
    command,
    tarball,
    scratch,
    remove: () => rmSync(scratch, { recursive: true, force: true }),
  };
}

export interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a program found on `env.PATH` to its end, `input` on stdin. */
export function runProgram(
  file: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd: string; input?: string },
): Promise<Outcome> {
  const child = spawn(file, args, { env: options.env, cwd: options.cwd });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A Node.js older than 24 on this machine's PATH (outside any node_modules), if there is one. */
export async function findOldNode(): Promise<string | undefined> {
  const directories = (process.env.PATH ?? '').split(path.delimiter);
  for (const directory of [...directories, '/usr/bin', '/usr/local/bin']) {
    if (!directory || directory.includes('node_modules')) continue;
    const candidate = path.join(directory, 'node');
    if (!existsSync(candidate)) continue;
    const { stdout } = await run(candidate, ['--version']).catch(() => ({ stdout: '' }));
    const major = Number(/^v(\d+)\./.exec(stdout.trim())?.[1]);
    if (major > 0 && major < 24) return directory;
  }
  return undefined;
}
