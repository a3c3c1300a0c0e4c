import { describe, expect, it } from 'vitest';
import { judgeRssGrowth, median, type RssPoint } from './rss-growth-verdict.ts';

const megabyte = 2 ** 20;
const limits = { warmupMs: 60_000, maxGrowthBytes: 48 * megabyte };

// One sample every 5 s over 5 minutes, RSS in megabytes given by a function of the sample index.
function series(rssMegabytes: (index: number) => number, count = 61): RssPoint[] {
  return Array.from({ length: count }, (_, index) => ({
    elapsedMs: index * 5000,
    rssBytes: rssMegabytes(index) * megabyte,
  }));
}

describe('judgeRssGrowth', () => {
  it('passes a steady RSS that rose only during warm-up', () => {
    // 200 MB at start, climbing to 400 MB by the end of warm-up (sample 12), then flat with jitter
    const verdict = judgeRssGrowth(
      series((index) => (index < 12 ? 200 + index * 16 : 400 + (index % 3))),
      limits,
    );
    expect(verdict.passed).toBe(true);
    expect(verdict.startBytes).toBe(200 * megabyte);
    expect(verdict.afterWarmupBytes).toBe(401 * megabyte);
    expect(verdict.endBytes).toBe(401 * megabyte);
    expect(verdict.growthBytes).toBe(0);
    expect(verdict.samplesAfterWarmup).toBe(49);
    expect(verdict.windowSize).toBe(5);
    expect(verdict.reason).toBe('RSS grew 0.0 MB after warm-up, within the 48.0 MB bound');
  });

  it('fails an RSS that keeps growing after warm-up', () => {
    const verdict = judgeRssGrowth(
      series((index) => 300 + index * 2),
      limits,
    );
    expect(verdict.passed).toBe(false);
    // medians of samples 12..16 (328) and 56..60 (416)
    expect(verdict.growthBytes).toBe(88 * megabyte);
    expect(verdict.trendBytesPerMinute).toBeCloseTo(24 * megabyte, 0);
    expect(verdict.reason).toBe('RSS grew 88.0 MB after warm-up, more than the 48.0 MB bound');
  });

  it('passes a noisy RSS with no trend, even when its swings are larger than the bound', () => {
    // a garbage-collector sawtooth of 0..60 MB plus one 300 MB spike near the end
    const verdict = judgeRssGrowth(
      series((index) => (index === 58 ? 700 : 400 + (index % 4) * 20)),
      limits,
    );
    expect(verdict.passed).toBe(true);
    expect(Math.abs(verdict.growthBytes ?? Number.NaN)).toBeLessThanOrEqual(20 * megabyte);
  });

  it('fails a step up after warm-up that stays up', () => {
    const verdict = judgeRssGrowth(
      series((index) => (index < 40 ? 400 : 460)),
      limits,
    );
    expect(verdict.passed).toBe(false);
    expect(verdict.growthBytes).toBe(60 * megabyte);
  });

  it('allows growth exactly at the bound and reports shrinking as such', () => {
    expect(
      judgeRssGrowth(
        series((index) => (index < 40 ? 400 : 448)),
        limits,
      ).passed,
    ).toBe(true);
    const shrinking = judgeRssGrowth(
      series((index) => (index < 40 ? 400 : 390)),
      limits,
    );
    expect(shrinking.passed).toBe(true);
    expect(shrinking.reason).toBe('RSS shrank 10.0 MB after warm-up, within the 48.0 MB bound');
  });

  it('fails when fewer than two samples come after warm-up', () => {
    const verdict = judgeRssGrowth(
      series(() => 400, 13),
      limits,
    );
    expect(verdict.passed).toBe(false);
    expect(verdict.samplesAfterWarmup).toBe(1);
    expect(verdict.afterWarmupBytes).toBeUndefined();
    expect(verdict.reason).toContain('too few RSS samples after warm-up');
  });

  it('compares single samples when only two come after warm-up', () => {
    const verdict = judgeRssGrowth(
      series((index) => 400 + index, 14),
      limits,
    );
    expect(verdict.windowSize).toBe(1);
    expect(verdict.growthBytes).toBe(1 * megabyte);
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
