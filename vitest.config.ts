import { defineConfig } from 'vitest/config';

// isolated-vm: the forks pool with --no-node-snapshot is the supported configuration
// (shared/notes/isolated-vm.md §5); the threads pool rejects that flag.
// PostgreSQL: one real server per run (test/support/postgres-global-setup.ts); each file that
// needs it makes its own database.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    execArgv: ['--no-node-snapshot'],
    globalSetup: ['test/support/postgres-global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
