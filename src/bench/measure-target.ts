import { percentile } from './bench-summary.ts';
import { readProcessTree, watchPeakRss } from './process-tree.ts';
import { runTimedLoad, type TimedSender } from './timed-load.ts';

/** What one target did under one case: the client's view and the target process tree's cost. */
export interface TargetRun {
  requests: number;
  errors: number;
  firstError: string | undefined;
  /** Successful requests per second. */
  throughput: number;
  p50Ms: number;
  p99Ms: number;
  ttfbP50Ms: number;
  ttfbP99Ms: number;
  /** CPU of the target's process tree per request, in ms (from /proc, 10 ms ticks). */
  cpuMsPerRequest: number;
  /** Highest RSS of the target's process tree during the run, in bytes. */
  peakRssBytes: number;
  /** CPU of this process (the load generator) over the run, as a share of one core (0..1+). */
  loadGeneratorCpuShare: number;
}

/** A target under load: where its requests go and which process tree serves them. */
export interface LoadTarget {
  sender: TimedSender;
  pid: number;
}

interface Tally {
  latencies: number[];
  ttfbs: number[];
  errors: number;
  firstError: string | undefined;
  elapsedMs: number;
  cpuMs: number;
  ownCpuMs: number;
  peakRssBytes: number;
}

const sliceMs = 2000;

/**
 * Warms every target up, then sends to them in turn in slices of about two seconds until each has
 * had `durationMs`, so that a neighbour's burst on this shared machine lands on all of them alike.
 * The targets' CPU and RSS come from /proc; the run's in this process is the load generator's.
 */
export async function measureTargets(
  targets: readonly LoadTarget[],
  plan: { concurrency: number; durationMs: number },
): Promise<TargetRun[]> {
  // connection set-up and JIT stay out of the percentiles
  for (const target of targets) {
    await runTimedLoad(() => target.sender.send(), {
      concurrency: plan.concurrency,
      durationMs: Math.min(1000, plan.durationMs / 4),
    });
  }
  const tallies: Tally[] = targets.map(() => ({
    latencies: [],
    ttfbs: [],
    errors: 0,
    firstError: undefined,
    elapsedMs: 0,
    cpuMs: 0,
    ownCpuMs: 0,
    peakRssBytes: 0,
  }));
  const slices = Math.max(1, Math.round(plan.durationMs / sliceMs));
  for (let slice = 0; slice < slices; slice += 1) {
    for (const [index, target] of targets.entries()) {
      const tally = tallies[index] as Tally;
      const peak = watchPeakRss(target.pid);
      const before = await readProcessTree(target.pid);
      const ownBefore = process.cpuUsage();
      const result = await runTimedLoad(() => target.sender.send(), {
        concurrency: plan.concurrency,
        durationMs: plan.durationMs / slices,
      });
      const own = process.cpuUsage(ownBefore);
      const after = await readProcessTree(target.pid);
      tally.peakRssBytes = Math.max(tally.peakRssBytes, await peak.stop());
      tally.latencies.push(...result.latenciesMs);
      tally.ttfbs.push(...result.ttfbsMs);
      tally.errors += result.errors;
      tally.firstError ??= result.firstError;
      tally.elapsedMs += result.elapsedMs;
      tally.cpuMs += after.cpuMs - before.cpuMs;
      tally.ownCpuMs += (own.user + own.system) / 1000;
    }
  }
  return tallies.map(summarizeTally);
}

function summarizeTally(tally: Tally): TargetRun {
  const latencies = tally.latencies.sort((left, right) => left - right);
  const ttfbs = tally.ttfbs.sort((left, right) => left - right);
  const requests = latencies.length + tally.errors;
  return {
    requests,
    errors: tally.errors,
    firstError: tally.firstError,
    throughput: tally.elapsedMs === 0 ? 0 : latencies.length / (tally.elapsedMs / 1000),
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    ttfbP50Ms: percentile(ttfbs, 0.5),
    ttfbP99Ms: percentile(ttfbs, 0.99),
    cpuMsPerRequest: requests === 0 ? 0 : tally.cpuMs / requests,
    peakRssBytes: tally.peakRssBytes,
    loadGeneratorCpuShare: tally.elapsedMs === 0 ? 0 : tally.ownCpuMs / tally.elapsedMs,
  };
}
