import { defineConfig } from 'vitest/config';

// CI asks for a JSON report (SFGW_TEST_REPORT) so it can print a plain pass/fail count.
const report = process.env.SFGW_TEST_REPORT;

// Tests that prove the gateway keeps answering while a hostile or huge input is handled: they
// bound how long a liveness probe or a timer may wait. Run beside 2 cores' worth of other test
// files, those bounds measure the neighbours; so these files run afterwards, one at a time.
const livenessTests = [
  'test/hostile-schemas.test.ts',
  'test/hostile-prompts.test.ts',
  'test/hostile-stop-sequences.test.ts',
  'test/paused-readers.test.ts',
  'test/native/streaming-timing.test.ts',
  'src/core/token-counter.test.ts',
  'src/emulation/schema/isolated-schema-validator.test.ts',
];

const testFiles = ['src/**/*.test.ts', 'test/**/*.test.ts'];

export default defineConfig({
  test: {
    // Test files share a worker's module cache: the gateway keeps no module-level state, and
    // importing Fastify, the SDKs and the tokenizer once per worker halves the run.
    isolate: false,
    // The console's route and browser tests serve the built assets: esbuild makes them in well under a second.
    globalSetup: ['src/console/build-console.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    reporters: report ? ['default', 'json'] : ['default'],
    outputFile: report ? { json: report } : undefined,
    projects: [
      {
        extends: true,
        test: { name: 'main', include: testFiles, exclude: livenessTests, sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: {
          name: 'liveness',
          include: livenessTests,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
