import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));

describe('the import graph of src/', () => {
  // swc keeps `import type` in its syntax tree, so a circle made only of types is caught too.
  it('has no cycles, type-only imports included', async () => {
    const { output } = await cruise(['src'], {
      baseDir: repositoryRoot,
      parser: 'swc',
      includeOnly: '^src/',
      validate: true,
      ruleSet: { forbidden: [{ name: 'no-circular', severity: 'error', from: {}, to: { circular: true } }] },
    });
    const { summary } = output as ICruiseResult;
    const cycles = summary.violations.map((violation) =>
      [violation.from, ...(violation.cycle ?? []).map((step) => step.name)].join(' -> '),
    );
    expect(summary.totalCruised).toBeGreaterThan(100);
    expect(cycles).toEqual([]);
  });
});
