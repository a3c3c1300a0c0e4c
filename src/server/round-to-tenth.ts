import type { LatencySummary } from '../observability/latency-window.ts';

/** Milliseconds with one decimal, as the access log, the JSON performance view and the console show them. */
export function roundToTenth(milliseconds: number): number {
  return Math.round(milliseconds * 10) / 10;
}

/** Every percentile of a summary rounded to one decimal; an empty window's nulls stay null. */
export function roundSummaryToTenth(summary: LatencySummary): LatencySummary {
  const round = (value: number | null) => (value === null ? null : roundToTenth(value));
  return {
    samples: summary.samples,
    p50: round(summary.p50),
    p90: round(summary.p90),
    p95: round(summary.p95),
    p99: round(summary.p99),
  };
}
