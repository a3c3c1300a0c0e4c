import { describe, expect, it } from 'vitest';
import { withYoungGenerationLimit, youngGenerationLimitFlag } from './young-generation-limit.ts';

describe('withYoungGenerationLimit', () => {
  it('adds the cap to a plain command line', () => {
    expect(withYoungGenerationLimit(['--enable-source-maps'])).toEqual([
      youngGenerationLimitFlag,
      '--enable-source-maps',
    ]);
  });

  it("keeps the operator's own value on the command line", () => {
    expect(withYoungGenerationLimit(['--max-semi-space-size=32'])).toEqual(['--max-semi-space-size=32']);
  });

  it("keeps the operator's own value in NODE_OPTIONS", () => {
    expect(withYoungGenerationLimit([], '--inspect --max-semi-space-size=16')).toEqual([]);
  });
});
