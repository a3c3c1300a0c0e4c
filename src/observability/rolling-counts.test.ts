import { describe, expect, it } from 'vitest';
import { RollingCounts } from './rolling-counts.ts';

describe('RollingCounts', () => {
  it('sums the last seconds only, forgetting buckets from an older lap of the ring', () => {
    const counts = new RollingCounts(60);
    counts.record(1_000, false);
    counts.record(1_500, true);
    counts.record(9_000, false);
    expect(counts.sum(10_000, 10)).toEqual({ requests: 3, errors: 1 });
    expect(counts.sum(10_000, 2)).toEqual({ requests: 1, errors: 0 });
    // 60 s later the first bucket's index comes round again: the old counts must not survive
    counts.record(61_000, false);
    expect(counts.sum(61_000, 60)).toEqual({ requests: 2, errors: 0 });
    expect(counts.sum(200_000, 60)).toEqual({ requests: 0, errors: 0 });
  });
});
