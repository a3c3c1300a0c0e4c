import { describe, expect, it } from 'vitest';
import { judgeRssGrowth } from './rss-growth-verdict.ts';
import type { MemorySample } from './rss-sampler.ts';
import { formatClock, formatSoakReport, pickTimelineSamples } from './soak-report.ts';
import { judgeSoak } from './soak-verdict.ts';

const megabyte = 2 ** 20;

function samples(count: number): MemorySample[] {
  return Array.from({ length: count }, (_, index) => ({
    elapsedMs: index * 5000,
    rssBytes: (300 + index) * megabyte,
    heapUsedBytes: index % 2 === 0 ? 50 * megabyte : undefined,
  }));
}

describe('pickTimelineSamples', () => {
  it('keeps a short series whole', () => {
    expect(pickTimelineSamples(samples(5), 10_000)).toHaveLength(5);
  });

  it('spreads a long series over a few rows with the start, the first sample after warm-up and the end', () => {
    const series = samples(61);
    const picked = pickTimelineSamples(series, 62_000);
    expect(picked.length).toBeLessThanOrEqual(14);
    expect(picked[0]).toBe(series[0]);
    expect(picked).toContain(series[13]);
    expect(picked.at(-1)).toBe(series[60]);
    const times = picked.map((sample) => sample.elapsedMs);
    expect(times).toEqual([...times].sort((left, right) => left - right));
  });
});

describe('formatSoakReport', () => {
  it('shows the timeline, the requests per kind with first failures, the RSS levels and the verdict', () => {
    const series = samples(61);
    const rss = judgeRssGrowth(series, { warmupMs: 60_000, maxGrowthBytes: 48 * megabyte });
    const perKind = [
      { kind: 'openai chat', succeeded: 900, failed: 0, firstFailure: undefined },
      { kind: 'embeddings', succeeded: 99, failed: 1, firstFailure: '/v1/embeddings: HTTP 502: upstream' },
    ];
    const verdict = judgeSoak({
      rss,
      requests: 1000,
      failed: 1,
      maxFailureRate: 0.001,
      gatewayExit: undefined,
      interruptedAfterMs: undefined,
    });
    const text = formatSoakReport({
      samples: series,
      warmupMs: 60_000,
      perKind,
      elapsedMs: 300_000,
      rss,
      verdict,
    });
    expect(text).toMatch(/^ {2}0:00 +300\.0 MB +50\.0 MB +start$/m);
    expect(text).toMatch(/^ {2}1:00 +312\.0 MB +50\.0 MB +warm-up over$/m);
    expect(text).toMatch(/^ {2}5:00 +360\.0 MB +50\.0 MB +end$/m);
    expect(text).toContain('requests per kind (1000 in 300 s, 3.3 req/s)');
    expect(text).toMatch(/^ {2}embeddings +99 +1$/m);
    expect(text).toMatch(/^ {2}total +999 +1 \(0\.1%\)$/m);
    expect(text).toContain('  embeddings: /v1/embeddings: HTTP 502: upstream');
    expect(text).toContain('RSS at start:        300.0 MB');
    expect(text).toContain('RSS after warm-up:   314.0 MB (median of the first 5 samples from 1:00)');
    expect(text).toContain('RSS at the end:      358.0 MB (median of the last 5 samples)');
    expect(text).toContain('trend after warm-up: 12.0 MB/min over 49 samples');
    expect(text).toMatch(/verdict: PASS\n {2}RSS grew 44\.0 MB after warm-up, within the 48\.0 MB bound\n/);
  });
});

describe('formatClock', () => {
  it('shows minutes and seconds', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(65_400)).toBe('1:05');
    expect(formatClock(300_000)).toBe('5:00');
  });
});
