/**
 * The build's last step: every file the emitted code names relative to itself must be in dist/,
 * and a module started by path must go through siblingModule() (a `.ts` path does not exist in
 * the package). Run on a small made-up dist/ so each way of getting it wrong is seen to fail.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { danglingReferences } from '../../scripts/build.ts';

describe('build: danglingReferences', () => {
  let dist: string;
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(dist, file)), { recursive: true });
    writeFileSync(path.join(dist, file), text);
  };
  afterEach(() => rmSync(dist, { recursive: true, force: true }));

  it('passes when every asset and sibling module is there', () => {
    dist = mkdtempSync(path.join(tmpdir(), 'cw-dist-'));
    write('sdk-stubs/globals.d.ts', '');
    write('src/a/worker.js', '');
    write(
      'src/a/start.js',
      "new URL('../../sdk-stubs/globals.d.ts', import.meta.url);\nsiblingModule('./worker.ts', import.meta.url);\n",
    );
    expect(danglingReferences(dist)).toEqual([]);
  });

  it('names a missing asset, a missing sibling and a TypeScript path', () => {
    dist = mkdtempSync(path.join(tmpdir(), 'cw-dist-'));
    write(
      'src/a/start.js',
      [
        "new URL('./grammar.peggy', import.meta.url);",
        "siblingModule('./gone.ts', import.meta.url);",
        "fork(fileURLToPath(new URL('./worker.ts', import.meta.url)));",
      ].join('\n'),
    );
    const problems = danglingReferences(dist);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain("src/a/start.js: './grammar.peggy' is not in the package");
    expect(problems[1]).toContain("'./worker.ts' is a TypeScript source");
    expect(problems[2]).toContain("'./gone.ts' is not in the package (looked for ./gone.js)");
  });
});
