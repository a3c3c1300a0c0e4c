import { defineConfig } from 'vitest/config';

// CI asks for a JSON report (SFGW_TEST_REPORT) so it can print a plain pass/fail count.
const report = process.env.SFGW_TEST_REPORT;

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Test files share a worker's module cache: the gateway keeps no module-level state, and
    // importing Fastify, the SDKs and the tokenizer once per worker halves the run.
    isolate: false,
    testTimeout: 20_000,
    hookTimeout: 20_000,
    reporters: report ? ['default', 'json'] : ['default'],
    outputFile: report ? { json: report } : undefined,
  },
});
