/** The real command refuses a bad clients file at start: exit 2 and one sentence, no stack. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createCliEnvironment, runCommand } from '../cli/cli-process.ts';

const cli = createCliEnvironment();
afterAll(() => cli.remove());

it('serve: a clients file with an unknown role and a duplicate key exits 2 saying where', async () => {
  const file = path.join(cli.dataDir, 'clients.yaml');
  writeFileSync(
    file,
    'clients:\n  - { name: a, key: same, role: user }\n  - { name: b, key: same, role: owner }\n',
  );
  const outcome = await runCommand(['serve', '--port', '0'], {
    env: { ...cli.env, WORKBENCH_CLIENTS_FILE: file },
  });
  expect(outcome.code).toBe(2);
  expect(outcome.stderr).toContain(`WORKBENCH_CLIENTS_FILE ${file}: clients[1].role`);
  expect(outcome.stderr).not.toMatch(/\n\s+at /);
});
