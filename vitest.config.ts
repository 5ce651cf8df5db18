import { defineConfig } from 'vitest/config';

// isolated-vm: the forks pool with --no-node-snapshot is the supported configuration
// (shared/notes/isolated-vm.md §5); the threads pool rejects that flag.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    execArgv: ['--no-node-snapshot'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
