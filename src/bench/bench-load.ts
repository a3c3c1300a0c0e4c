import { performance } from 'node:perf_hooks';

/** How much load to send: stops at whichever of the request count and the duration comes first. */
export interface LoadPlan {
  concurrency: number;
  requests: number | undefined;
  durationMs: number | undefined;
}

/** What one load run measured; latencies are of successful requests only. */
export interface LoadResult {
  latenciesMs: number[];
  errors: number;
  elapsedMs: number;
  firstError: string | undefined;
}

/** Counts so far, for a progress line. */
export interface LoadProgress {
  completed: number;
  errors: number;
  elapsedMs: number;
}

/** Runs `concurrency` loops, each sending one request after another, until the plan is done. */
export async function runLoad(
  send: () => Promise<void>,
  plan: LoadPlan,
  onProgress?: (progress: LoadProgress) => void,
): Promise<LoadResult> {
  const result: LoadResult = { latenciesMs: [], errors: 0, elapsedMs: 0, firstError: undefined };
  const startedAt = performance.now();
  const deadline = plan.durationMs === undefined ? Number.POSITIVE_INFINITY : startedAt + plan.durationMs;
  const limit = plan.requests ?? Number.POSITIVE_INFINITY;
  let started = 0;
  const progress = () =>
    onProgress?.({
      completed: result.latenciesMs.length + result.errors,
      errors: result.errors,
      elapsedMs: performance.now() - startedAt,
    });
  const timer = onProgress ? setInterval(progress, 200) : undefined;
  const loop = async () => {
    while (started < limit && performance.now() < deadline) {
      started += 1;
      const sentAt = performance.now();
      try {
        await send();
        result.latenciesMs.push(performance.now() - sentAt);
      } catch (error) {
        result.errors += 1;
        result.firstError ??= (error as Error).message;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: plan.concurrency }, loop));
  } finally {
    clearInterval(timer);
  }
  result.elapsedMs = performance.now() - startedAt;
  progress();
  return result;
}
