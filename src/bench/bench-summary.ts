import type { LoadResult } from './bench-load.ts';

/** The numbers a bench run reports. */
export interface LoadSummary {
  requests: number;
  errors: number;
  /** 0..1 */
  errorRate: number;
  /** Successful requests per second. */
  throughput: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

/** Reduces a load run to rates and latency percentiles. */
export function summarizeLoad(result: LoadResult): LoadSummary {
  const sorted = [...result.latenciesMs].sort((left, right) => left - right);
  const requests = sorted.length + result.errors;
  return {
    requests,
    errors: result.errors,
    errorRate: requests === 0 ? 0 : result.errors / requests,
    throughput: result.elapsedMs === 0 ? 0 : sorted.length / (result.elapsedMs / 1000),
    p50Ms: percentile(sorted, 0.5),
    p95Ms: percentile(sorted, 0.95),
    p99Ms: percentile(sorted, 0.99),
  };
}

/** Nearest-rank percentile of ascending values; NaN when there are none. */
export function percentile(sortedValues: number[], fraction: number): number {
  if (sortedValues.length === 0) return Number.NaN;
  const rank = Math.ceil(fraction * sortedValues.length);
  return sortedValues[Math.min(sortedValues.length, Math.max(1, rank)) - 1] as number;
}

/** The report lines of one run. */
export function formatSummary(title: string, summary: LoadSummary, cpuMsPerRequest?: number): string[] {
  const milliseconds = (value: number) => `${value.toFixed(2)} ms`;
  const lines = [
    title,
    `  requests:    ${summary.requests} (${summary.errors} errors, ${(summary.errorRate * 100).toFixed(1)}% error rate)`,
    `  throughput:  ${summary.throughput.toFixed(1)} req/s`,
    `  latency:     p50 ${milliseconds(summary.p50Ms)}  p95 ${milliseconds(summary.p95Ms)}  p99 ${milliseconds(summary.p99Ms)}`,
  ];
  if (cpuMsPerRequest !== undefined)
    lines.push(`  cpu:         ${milliseconds(cpuMsPerRequest)} per request`);
  return lines;
}
