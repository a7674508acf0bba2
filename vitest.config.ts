import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration tests start real local AWS-API servers; CDK synth with bundling takes seconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    setupFiles: ['test/setup/lunar-calendar.ts'],
    globalSetup: ['test/setup/chromium.ts'],
  },
});
