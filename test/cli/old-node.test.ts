/**
 * The checkout's command under the machine's own Node when it is older than 24 (the case the
 * pinned runtime in node_modules/.bin exists for): one line saying how to run it instead, exit 2,
 * and no stack trace from a loader that cannot read TypeScript.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { findOldNode } from '../package/installed-package.ts';
import { BIN } from './cli-process.ts';

describe('confluence-workbench on Node < 24', () => {
  it('from a checkout: one line pointing at npm scripts and npx, exit 2', async (context) => {
    const directory = await findOldNode();
    if (!directory) return context.skip('no Node.js older than 24 on this machine');
    const failed = await promisify(execFile)(path.join(directory, 'node'), [BIN, '--version']).then(
      () => undefined,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failed?.code).toBe(2);
    expect(failed?.stdout).toBe('');
    expect(failed?.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(failed?.stderr).toMatch(/needs Node\.js 24 or later.*npm scripts or npx/);
  });
});
