import type { TargetRun } from './measure-target.ts';

const mebibyte = 2 ** 20;

/** A run of 1000 requests at 1000 req/s, 1 ms p50, 0.1 ms CPU and 100 MiB each, with `overrides`. */
export function sampleTargetRun(overrides: Partial<TargetRun>): TargetRun {
  return {
    requests: 1000,
    errors: 0,
    firstError: undefined,
    throughput: 1000,
    p50Ms: 1,
    p99Ms: 2,
    ttfbP50Ms: 1,
    ttfbP99Ms: 2,
    cpuMsPerRequest: 0.1,
    peakRssBytes: 100 * mebibyte,
    loadGeneratorCpuShare: 0.5,
    ...overrides,
  };
}
