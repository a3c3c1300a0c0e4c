import { describe, expect, it } from 'vitest';
import { LatencyWindow } from './latency-window.ts';

describe('LatencyWindow', () => {
  it('has no percentiles while empty', () => {
    expect(new LatencyWindow(4).summarize()).toEqual({
      samples: 0,
      p50: null,
      p90: null,
      p95: null,
      p99: null,
    });
  });

  it('gives nearest-rank percentiles of unsorted samples', () => {
    const window = new LatencyWindow(100);
    // 1..100 in a scrambled order
    for (let index = 0; index < 100; index += 1) window.record(((index * 37) % 100) + 1);
    expect(window.summarize()).toEqual({ samples: 100, p50: 50, p90: 90, p95: 95, p99: 99 });
  });

  it('keeps only the most recent samples once full', () => {
    const window = new LatencyWindow(3);
    for (const value of [1000, 2000, 3000, 1, 2, 3]) window.record(value);
    expect(window.summarize()).toEqual({ samples: 3, p50: 2, p90: 3, p95: 3, p99: 3 });
    window.record(10);
    expect(window.summarize()).toMatchObject({ samples: 3, p50: 3, p99: 10 });
  });

  it('answers a single sample for every percentile', () => {
    const window = new LatencyWindow(8);
    window.record(7.5);
    expect(window.summarize()).toEqual({ samples: 1, p50: 7.5, p90: 7.5, p95: 7.5, p99: 7.5 });
  });
});
