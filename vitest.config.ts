import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20000,
    globalSetup: ['test/temp-root.ts'],
    // Every core: much of the suite waits on spawned CLIs and the browser, not on this process,
    // so the default of one worker fewer than the cores left half of a two-core machine idle.
    maxWorkers: '100%',
  },
});
