/**
 * compose.yaml, the README's "Running several instances" example, read as Compose reads it (YAML
 * with merge keys, `${VAR:?…}`/`${VAR:-…}` interpolation): lint-clean (dclint, as npm run lint), a
 * PostgreSQL and two workbench instances that share one WORKBENCH_DATABASE_URL the workbench
 * accepts, every variable one the workbench knows, and commands the real CLI runs. No container
 * is started here: there is no Docker daemon in CI.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadConfig, unknownVariableWarnings } from '../../src/config.ts';
import {
  createCliEnvironment,
  runCommand,
  startCommand,
  waitForOutput,
} from '../cli/cli-process.ts';
import { ROOT } from './installed-package.ts';

const run = promisify(execFile);
const TEXT = readFileSync(path.join(ROOT, 'compose.yaml'), 'utf8');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
/** The README's configuration table: every variable a user may set is described there. */
const CONFIGURATION = /^## Configuration$([\s\S]*?)^## /m.exec(README)![1]!;
const MANIFEST = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
};

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  volumes?: string[];
}
const COMPOSE = parse(TEXT, { merge: true }) as { services: Record<string, Service> };
const SERVICES = COMPOSE.services;
const INSTANCES = ['workbench-a', 'workbench-b'];

/** What the operator sets before `docker compose up`, as the file's header says. */
const OPERATOR: Record<string, string> = {
  POSTGRES_PASSWORD: 'pg-secret',
  WORKBENCH_API_KEYS: 'change-me',
};

/** Compose's interpolation of the forms the file uses: `${NAME}`, `${NAME:?message}`, `${NAME:-default}`. */
function interpolate(value: string, variables: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::([?-])([^}]*))?\}/g, (_, name: string, kind, rest: string) => {
    const set = variables[name];
    if (set !== undefined && set !== '') return set;
    if (kind === '-') return rest;
    throw new Error(`${name}: ${kind === '?' ? rest : 'unset'}`);
  });
}

function environmentOf(service: string, variables = OPERATOR): Record<string, string> {
  return Object.fromEntries(
    Object.entries(SERVICES[service]!.environment ?? {}).map(([name, value]) => [
      name,
      interpolate(String(value), variables),
    ]),
  );
}

/** The ENV lines of the Dockerfile's runtime stage (what a container gets beside `environment`). */
const IMAGE_ENV: Record<string, string> = {
  WORKBENCH_DATA_DIR: '/data',
  WORKBENCH_HOST: '0.0.0.0',
};

describe('compose.yaml', () => {
  it('lints clean (dclint, as npm run lint)', async () => {
    const { stdout } = await run(
      path.join(ROOT, 'node_modules/.bin/dclint'),
      ['compose.yaml', '--max-warnings', '0', '--formatter', 'json'],
      { cwd: ROOT },
    );
    expect(JSON.parse(stdout)).toEqual([
      expect.objectContaining({ errorCount: 0, warningCount: 0, messages: [] }),
    ]);
  });

  it('runs PostgreSQL, the Confluence emulator and two workbench instances built from this checkout', () => {
    expect(Object.keys(SERVICES).sort()).toEqual(['confluence', 'postgres', ...INSTANCES]);
    expect(SERVICES['postgres']!.image).toMatch(/^postgres:\d+$/);
    for (const name of ['confluence', ...INSTANCES]) {
      expect(SERVICES[name], name).toMatchObject({
        build: '.',
        image: `confluence-workbench:${MANIFEST.version}`,
      });
    }
    // The instances run the image's own command (`confluence-workbench serve`).
    for (const name of INSTANCES) expect(SERVICES[name]!.command, name).toBeUndefined();
    expect(readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8')).toMatch(
      /^CMD \["confluence-workbench", "serve"\]$/m,
    );
  });

  it('gives both instances the same database, one the workbench accepts, on the postgres service', () => {
    const [a, b] = INSTANCES.map((name) => environmentOf(name));
    expect(a).toEqual(b);
    const url = new URL(a!['WORKBENCH_DATABASE_URL']!);
    const postgres = environmentOf('postgres');
    expect(url.protocol).toBe('postgres:');
    expect(url.hostname).toBe('postgres');
    expect(url.port).toBe('5432');
    expect(url.username).toBe(postgres['POSTGRES_USER']);
    expect(url.password).toBe(postgres['POSTGRES_PASSWORD']);
    expect(url.pathname).toBe(`/${postgres['POSTGRES_DB']}`);
    expect(SERVICES['postgres']!.healthcheck!.test).toContain('pg_isready');
    for (const name of INSTANCES) {
      expect(SERVICES[name]!.depends_on, name).toMatchObject({
        postgres: { condition: 'service_healthy' },
      });
    }
  });

  it('sets only variables the workbench knows, and the workbench starts from them', () => {
    const env = { ...IMAGE_ENV, ...environmentOf('workbench-a') };
    expect(unknownVariableWarnings(env)).toEqual([]);
    for (const name of Object.keys(env).filter((name) => name.startsWith('CONFLUENCE_'))) {
      expect(CONFIGURATION, name).toContain(`\`${name}\``);
    }
    const config = loadConfig(env);
    expect(config.databaseUrl).toBe(env['WORKBENCH_DATABASE_URL']);
    expect(config.confluence?.baseUrl).toBe('http://confluence:8790');
    expect(config.siteLimits?.requestsPerSecond).toBe(25);
  });

  it('refuses to start without the password and the API keys (interpolation says which)', () => {
    expect(() => environmentOf('workbench-a', {})).toThrow(/set POSTGRES_PASSWORD/);
    expect(() => environmentOf('workbench-a', { POSTGRES_PASSWORD: 'x' })).toThrow(
      /set WORKBENCH_API_KEYS/,
    );
  });

  it('publishes each instance on its own loopback port, to the port the image serves on', () => {
    const published = INSTANCES.map((name) => SERVICES[name]!.ports);
    expect(published).toEqual([['127.0.0.1:8787:8787'], ['127.0.0.1:8788:8787']]);
    expect(readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8')).toMatch(/WORKBENCH_PORT=8787/);
  });

  it("the emulator service's command runs as written (host and port as CONFLUENCE_BASE_URL says)", async () => {
    const command = SERVICES['confluence']!.command!;
    expect(command[0]).toBe('confluence-workbench');
    const flag = (name: string) => command[command.indexOf(name) + 1];
    expect(flag('--host')).toBe('0.0.0.0');
    expect(`http://confluence:${flag('--port')}`).toBe(
      environmentOf('workbench-a')['CONFLUENCE_BASE_URL'],
    );
    expect(SERVICES['confluence']!.volumes).toContain(
      `confluence-data:${path.dirname(flag('--db')!)}`,
    );

    // The same arguments, but on loopback, a free port and a temporary file.
    const scratch = mkdtempSync(path.join(tmpdir(), 'cw-compose-'));
    const cli = createCliEnvironment();
    const args = command.slice(1).map((word, index, words) => {
      const previous = words[index - 1];
      if (previous === '--host') return '127.0.0.1';
      if (previous === '--port') return '0';
      if (previous === '--db') return path.join(scratch, 'site.sqlite');
      return word;
    });
    const child = startCommand(args, cli.env);
    try {
      const banner = await waitForOutput(child.stderr!, /on (http:\/\/[^\s/]+)\/wiki/);
      const url = /on (http:\/\/[^\s/]+)\/wiki/.exec(banner)![1]!;
      // As the instances sign in by default: the demo site's admin.
      const { CONFLUENCE_EMAIL: email, CONFLUENCE_API_TOKEN: token } = environmentOf('workbench-a');
      const spaces = await fetch(`${url}/wiki/api/v2/spaces`, {
        headers: { authorization: `Basic ${btoa(`${email}:${token}`)}` },
      });
      expect(spaces.status).toBe(200);
      // `serve`, the instances' command, exists too.
      expect((await runCommand(['serve', '--help'], { env: cli.env })).code).toBe(0);
    } finally {
      child.kill('SIGTERM');
      cli.remove();
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
