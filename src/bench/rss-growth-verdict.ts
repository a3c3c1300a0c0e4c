// RSS growth policy: the gateway's memory may rise while it warms up (JIT, pools, caches filling)
// but must then level off. RSS is noisy (the garbage collector frees in steps, the allocator
// returns pages late), so single samples are never compared: the level after warm-up is the
// median of the first few samples after it, the level at the end the median of the last few,
// and the soak fails when the second exceeds the first by more than the bound. The least-squares
// slope over the same samples is reported as the trend, to tell a step from a steady climb.

/** An RSS reading, with its time from the start of the soak. */
export interface RssPoint {
  elapsedMs: number;
  rssBytes: number;
}

/** What is judged and against what bound. */
export interface RssGrowthLimits {
  warmupMs: number;
  maxGrowthBytes: number;
}

/** The RSS levels of a soak and whether they stayed within the bound. */
export interface RssGrowthVerdict {
  passed: boolean;
  /** The first sample, before any load. */
  startBytes: number | undefined;
  /** Median of the first `windowSize` samples after warm-up. */
  afterWarmupBytes: number | undefined;
  /** Median of the last `windowSize` samples. */
  endBytes: number | undefined;
  growthBytes: number | undefined;
  /** Least-squares slope over the samples after warm-up. */
  trendBytesPerMinute: number | undefined;
  /** Samples taken after warm-up. */
  samplesAfterWarmup: number;
  /** How many samples each median is taken over. */
  windowSize: number;
  /** One sentence saying why it passed or failed. */
  reason: string;
}

const minimumWindow = 3;

/** Compares the RSS level after warm-up with the level at the end. */
export function judgeRssGrowth(points: readonly RssPoint[], limits: RssGrowthLimits): RssGrowthVerdict {
  const afterWarmup = points.filter((point) => point.elapsedMs >= limits.warmupMs);
  const startBytes = points[0]?.rssBytes;
  const windowSize = Math.min(
    Math.floor(afterWarmup.length / 2),
    Math.max(minimumWindow, Math.ceil(afterWarmup.length / 10)),
  );
  if (windowSize < 1) {
    return {
      passed: false,
      startBytes,
      afterWarmupBytes: undefined,
      endBytes: undefined,
      growthBytes: undefined,
      trendBytesPerMinute: undefined,
      samplesAfterWarmup: afterWarmup.length,
      windowSize: 0,
      reason: `too few RSS samples after warm-up to judge (${afterWarmup.length}; at least 2 needed)`,
    };
  }
  const afterWarmupBytes = median(afterWarmup.slice(0, windowSize).map((point) => point.rssBytes));
  const endBytes = median(afterWarmup.slice(-windowSize).map((point) => point.rssBytes));
  const growthBytes = endBytes - afterWarmupBytes;
  const passed = growthBytes <= limits.maxGrowthBytes;
  const change =
    growthBytes >= 0
      ? `RSS grew ${formatMegabytes(growthBytes)} MB`
      : `RSS shrank ${formatMegabytes(-growthBytes)} MB`;
  const bound = `${formatMegabytes(limits.maxGrowthBytes)} MB`;
  return {
    passed,
    startBytes,
    afterWarmupBytes,
    endBytes,
    growthBytes,
    trendBytesPerMinute: slopePerMinute(afterWarmup),
    samplesAfterWarmup: afterWarmup.length,
    windowSize,
    reason: passed
      ? `${change} after warm-up, within the ${bound} bound`
      : `${change} after warm-up, more than the ${bound} bound`,
  };
}

/** The middle value (the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle] as number;
  return ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Bytes as megabytes (2^20 bytes) with one decimal. */
export function formatMegabytes(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(1);
}

function slopePerMinute(points: readonly RssPoint[]): number | undefined {
  if (points.length < 2) return undefined;
  const meanTime = points.reduce((sum, point) => sum + point.elapsedMs, 0) / points.length;
  const meanRss = points.reduce((sum, point) => sum + point.rssBytes, 0) / points.length;
  let covariance = 0;
  let variance = 0;
  for (const point of points) {
    covariance += (point.elapsedMs - meanTime) * (point.rssBytes - meanRss);
    variance += (point.elapsedMs - meanTime) ** 2;
  }
  return variance === 0 ? undefined : (covariance / variance) * 60_000;
}
