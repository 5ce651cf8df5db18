/** `completion`: the generated bash script, sourced in a real bash, completes commands and flags. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliEnvironment, runCommand } from './cli-process.ts';

const HAS_BASH = spawnSync('bash', ['--version']).status === 0;

describe('confluence-workbench completion', () => {
  let environment: ReturnType<typeof createCliEnvironment>;
  const cli = (args: string[]) => runCommand(args, { env: environment.env });
  beforeAll(() => {
    environment = createCliEnvironment();
  });
  afterAll(() => environment.remove());

  it.skipIf(!HAS_BASH)(
    'completion bash: completes commands, subcommands, flags and choices',
    async () => {
      const generated = await cli(['completion', 'bash']);
      expect(generated.code).toBe(0);
      const file = path.join(environment.dataDir, 'completion.bash');
      writeFileSync(file, generated.stdout);
      const complete = (...words: string[]) => {
        const script = `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); _confluence_workbench; printf '%s\\n' "\${COMPREPLY[@]}"`;
        const result = spawnSync(
          'bash',
          ['-c', script, 'bash', file, 'confluence-workbench', ...words],
          {
            cwd: environment.dataDir,
            encoding: 'utf8',
          },
        );
        expect(result.stderr).toBe('');
        return result.stdout.trim().split('\n').sort();
      };
      expect(complete('ru')).toEqual(['run', 'runs']);
      expect(complete('runs', 'ex')).toEqual(['export']);
      expect(complete('runs', 'export', '--j')).toEqual(['--jsonl']);
      expect(complete('replay', 'run_1', '--mode', '')).toEqual(['dry-run', 'live', 'recorded']);
      expect(complete('run', '--dr')).toEqual(['--dry-run']);
      expect(complete('completion', 'f')).toEqual(['fish']);
    },
  );

  it('completion zsh / fish: scripts for those shells; another shell exits 2', async () => {
    const zsh = await cli(['completion', 'zsh']);
    expect(zsh.stdout).toContain('bashcompinit');
    expect(zsh.stdout).toContain(
      'complete -o default -F _confluence_workbench confluence-workbench',
    );
    const fish = await cli(['completion', 'fish']);
    expect(fish.stdout).toContain(
      "complete -c confluence-workbench -f -n '__fish_use_subcommand' -a 'serve mcp run runs replay types init describe doctor completion emulator job'",
    );
    expect(fish.stdout).toMatch(/-l mode -x -a 'recorded dry-run live'/);
    const other = await cli(['completion', 'sh']);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('Allowed choices are bash, zsh, fish');
  });
});
