import { defineConfig } from 'vitest/config';

// Tests talk to real parts (SQLite files, the keychain, the demo tenant over HTTP), so they
// run in forked processes with generous timeouts rather than in one shared thread.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
    // Tests that read log lines raise the level themselves; the rest keep CI output readable.
    env: { ZI_LOG_LEVEL: 'warn' },
  },
});
