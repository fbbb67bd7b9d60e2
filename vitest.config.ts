import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // expect.poll waits for a browser or a child process, which a busy two-core machine slows.
    expect: { poll: { timeout: 15_000 } },
    // Integration tests start loopback servers and child processes; two cores.
    pool: 'forks',
    maxWorkers: 2,
  },
});
