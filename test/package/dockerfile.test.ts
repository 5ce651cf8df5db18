/**
 * The Dockerfile, read as Docker reads it (dockerfile-ast): lint-clean, multi-stage, run as a
 * non-root user with the data directory as a volume and a healthcheck, and built with the very
 * commands test/package/install.test.ts runs (scripts/package.sh, scripts/healthcheck.js from the
 * installed package). The image itself is not built here: there is no Docker daemon in CI.
 */
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './installed-package.ts';

const TEXT = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
const DOCKERFILE = DockerfileParser.parse(TEXT);
const MANIFEST = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  files: string[];
  engines: { node: string };
};

/** The instructions of each stage, in order. */
function stages(): Instruction[][] {
  const result: Instruction[][] = [];
  for (const instruction of DOCKERFILE.getInstructions()) {
    if (instruction.getKeyword() === 'FROM') result.push([]);
    result.at(-1)?.push(instruction);
  }
  return result;
}

const words = (instruction: Instruction) => instruction.getArguments().map((a) => a.getValue());
const ofKind = (stage: Instruction[], keyword: string) =>
  stage.filter((instruction) => instruction.getKeyword() === keyword);
const environment = (stage: Instruction[]) =>
  Object.fromEntries(
    ofKind(stage, 'ENV').flatMap((instruction) =>
      words(instruction).map((word) => word.split('=') as [string, string]),
    ),
  );

describe('Dockerfile', () => {
  const [build, runtime] = stages() as [Instruction[], Instruction[]];

  it('lints clean (dockerfile-utils, as npm run lint)', () => {
    expect(validate(TEXT)).toEqual([]);
  });

  it('has a build stage and a runtime stage, both on the Node major the package needs', () => {
    expect(stages()).toHaveLength(2);
    const major = /\d+/.exec(MANIFEST.engines.node)![0];
    expect(words(build[0]!)).toEqual([`node:${major}-bookworm-slim`, 'AS', 'build']);
    expect(words(runtime[0]!)).toEqual([`node:${major}-bookworm-slim`]);
  });

  it('packs and installs with scripts/package.sh, the commands the package test runs', () => {
    const buildRuns = ofKind(build, 'RUN').map(words);
    expect(buildRuns).toContainEqual(['scripts/package.sh', 'pack', '/package']);
    const install = ofKind(runtime, 'RUN').map(words)[0]!;
    expect(install.slice(0, 4)).toEqual([
      '/tmp/package/package.sh',
      'install',
      `/tmp/package/${MANIFEST.name}-*.tgz`,
      '/usr/local',
    ]);
  });

  it('runs as a non-root user, keeps its data in a volume, listens beyond loopback', () => {
    const user = ofKind(runtime, 'USER').map(words).at(-1);
    expect(user?.[0]).toMatch(/^(?!root$|0$)\w+/);
    const env = environment(runtime);
    expect(env.WORKBENCH_HOST).toBe('0.0.0.0');
    expect(ofKind(runtime, 'VOLUME').map(words)).toContainEqual([`["${env.WORKBENCH_DATA_DIR}"]`]);
    expect(ofKind(runtime, 'EXPOSE').map(words)).toContainEqual([env.WORKBENCH_PORT]);
    expect(ofKind(runtime, 'CMD').map((cmd) => cmd.getArgumentsContent())).toEqual([
      `["${MANIFEST.name}", "serve"]`,
    ]);
  });

  it('checks health with the healthcheck script of the installed package', () => {
    expect(MANIFEST.files).toContain('scripts/healthcheck.js');
    const [healthcheck] = ofKind(runtime, 'HEALTHCHECK');
    expect(healthcheck?.getArgumentsContent()).toContain(
      `CMD ["node", "/usr/local/lib/node_modules/${MANIFEST.name}/scripts/healthcheck.js"]`,
    );
  });
});
