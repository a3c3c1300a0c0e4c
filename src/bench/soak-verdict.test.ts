import { describe, expect, it } from 'vitest';
import type { RssGrowthVerdict } from './rss-growth-verdict.ts';
import { formatPercent, judgeSoak, type SoakFindings } from './soak-verdict.ts';

const steadyRss: RssGrowthVerdict = {
  passed: true,
  startBytes: 200,
  afterWarmupBytes: 400,
  endBytes: 410,
  growthBytes: 10,
  trendBytesPerMinute: 1,
  samplesAfterWarmup: 48,
  windowSize: 5,
  reason: 'RSS grew 0.0 MB after warm-up, within the 48.0 MB bound',
};

const cleanRun: SoakFindings = {
  rss: steadyRss,
  requests: 10_000,
  failed: 0,
  maxFailureRate: 0.001,
  gatewayExit: undefined,
  interruptedAfterMs: undefined,
};

describe('judgeSoak', () => {
  it('passes a clean run and says why', () => {
    expect(judgeSoak(cleanRun)).toEqual({
      passed: true,
      reasons: [steadyRss.reason, '0 of 10000 requests failed (0%), within the 0.1% bound'],
    });
  });

  it('tolerates failures up to the bound and fails above it', () => {
    expect(judgeSoak({ ...cleanRun, failed: 10 }).passed).toBe(true);
    expect(judgeSoak({ ...cleanRun, failed: 11 })).toEqual({
      passed: false,
      reasons: ['11 of 10000 requests failed (0.11%), more than the 0.1% bound'],
    });
  });

  it('fails on RSS growth, a gateway that exited, an interruption or no requests at all', () => {
    const growing = {
      ...steadyRss,
      passed: false,
      reason: 'RSS grew 60.0 MB after warm-up, more than the 48.0 MB bound',
    };
    expect(judgeSoak({ ...cleanRun, rss: growing }).reasons).toEqual([growing.reason]);
    expect(judgeSoak({ ...cleanRun, gatewayExit: 'killed by SIGKILL' }).reasons).toEqual([
      'the gateway killed by SIGKILL during the soak',
    ]);
    expect(judgeSoak({ ...cleanRun, interruptedAfterMs: 42_400 }).reasons).toEqual([
      'the soak was interrupted after 42 s',
    ]);
    expect(judgeSoak({ ...cleanRun, requests: 0 }).reasons).toEqual(['no request was answered']);
  });
});

describe('formatPercent', () => {
  it('shows small shares without trailing zeros', () => {
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(0.001)).toBe('0.1%');
    expect(formatPercent(0.0011)).toBe('0.11%');
    expect(formatPercent(0.5)).toBe('50%');
    expect(formatPercent(1)).toBe('100%');
  });
});
