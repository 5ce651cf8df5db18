/** Help text and bad usage through the real command: exit code 2 with a clear message. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_DEFAULT_PORT } from '../../src/cli/commands/emulator.ts';
import { DEFAULT_EMULATOR_PORT } from '../../src/emulator/cli.ts';
import { createCliEnvironment, runCommand } from './cli-process.ts';

// Each test starts up to fifteen CLI processes one after another: slow on a loaded machine.
describe('confluence-workbench usage', { timeout: 120_000 }, () => {
  let environment: ReturnType<typeof createCliEnvironment>;
  const cli = (args: string[], env: NodeJS.ProcessEnv = environment.env) =>
    runCommand(args, { env });
  beforeAll(() => {
    environment = createCliEnvironment();
  });
  afterAll(() => environment.remove());

  it('help: every command has help text, exit 0', async () => {
    const top = await cli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain(
      'Exit codes: 0 success, 1 the script failed, 2 bad usage or configuration.',
    );
    for (const command of [
      'serve',
      'mcp',
      'run',
      'runs',
      'replay',
      'types',
      'describe',
      'doctor',
      'emulator',
    ]) {
      const help = await cli([command, '--help']);
      expect(help.code, command).toBe(0);
      expect(help.stdout, command).toContain(`Usage: confluence-workbench ${command}`);
    }
    for (const sub of ['list', 'show', 'result', 'prune', 'export']) {
      expect((await cli(['runs', sub, '--help'])).stdout).toContain(
        `Usage: confluence-workbench runs ${sub}`,
      );
    }
    expect((await cli(['help', 'run'])).stdout).toContain('--dry-run');
  });

  it('usage: no command prints the help on stderr, exit 2', async () => {
    const outcome = await cli([]);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('Usage: confluence-workbench');
  });

  it('usage: unknown commands, unknown flags and bad values exit 2 with the reason', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['frobnicate'], /unknown command 'frobnicate'/],
      [['run', 'x.ts', '--bogus'], /unknown option '--bogus'/],
      [['run'], /missing required argument 'file'/],
      [['run', 'missing.ts'], /cannot read the script "missing.ts": no such file/],
      [['run', '-', '--params', '{nope'], /--params <json>.*not valid JSON/],
      [['run', '-', '--timeout', 'soon'], /--timeout <ms>.*expected an integer/],
      [['serve', '--port', '70000'], /expected an integer from 0 to 65535/],
      [['replay', 'run_missing'], /no stored run "run_missing"/],
      [
        ['replay', 'run_missing', '--mode', 'sideways'],
        /Allowed choices are recorded, dry-run, live/,
      ],
      [['runs', 'show', 'run_missing'], /no stored run "run_missing"/],
      [['runs', 'list', '--status', 'meh'], /Allowed choices are ok, error/],
      [['runs', 'result', 'res_missing'], /no stored result "res_missing"/],
      [['emulator', '--seed', 'lots'], /Allowed choices are demo, none/],
    ];
    for (const [args, message] of cases) {
      const outcome = await cli(args);
      expect(outcome.code, args.join(' ')).toBe(2);
      expect(outcome.stderr, args.join(' ')).toMatch(message);
    }
  });

  it('config: a configuration error exits 2 with its message', async () => {
    const badLevel = await cli(['runs'], { ...environment.env, WORKBENCH_LOG_LEVEL: 'loud' });
    expect(badLevel.code).toBe(2);
    expect(badLevel.stderr).toContain('WORKBENCH_LOG_LEVEL must be one of');
    const halfSite = await cli(['run', '-'], {
      ...environment.env,
      CONFLUENCE_BASE_URL: 'https://acme.atlassian.net',
    });
    expect(halfSite.code).toBe(2);
    expect(halfSite.stderr).toContain('credentials are incomplete');
    const exposed = await cli(['serve', '--host', '0.0.0.0', '--port', '0']);
    expect(exposed.code).toBe(2);
    expect(exposed.stderr).toContain('refusing to listen on 0.0.0.0 without API keys');
  });

  it('emulator: the help states the emulator module default port', () => {
    expect(EMULATOR_DEFAULT_PORT).toBe(DEFAULT_EMULATOR_PORT);
  });
});
