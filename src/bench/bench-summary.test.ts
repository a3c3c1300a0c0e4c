import { describe, expect, it } from 'vitest';
import { percentile, summarizeLoad } from './bench-summary.ts';

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentile(values, 0.5)).toBe(50);
    expect(percentile(values, 0.95)).toBe(95);
    expect(percentile(values, 0.99)).toBe(99);
    expect(percentile([7], 0.99)).toBe(7);
  });

  it('is NaN without values', () => {
    expect(percentile([], 0.5)).toBeNaN();
  });
});

describe('summarizeLoad', () => {
  it('counts failures in the requests and the error rate, not in throughput or latency', () => {
    const summary = summarizeLoad({
      latenciesMs: [30, 10, 20],
      errors: 1,
      elapsedMs: 2000,
      firstError: 'HTTP 500',
    });
    expect(summary).toMatchObject({ requests: 4, errors: 1, errorRate: 0.25, throughput: 1.5, p50Ms: 20 });
    expect(summary.p99Ms).toBe(30);
  });
});
