import { type LoadPlan, type LoadProgress, type LoadResult, runLoad } from './bench-load.ts';
import { type LoadSummary, summarizeLoad } from './bench-summary.ts';

/** One measured run and the CPU this process spent on it. */
export interface Measured {
  summary: LoadSummary;
  cpuMsPerRequest: number;
  firstError: string | undefined;
}

/**
 * Runs the plan against one sender and measures latency, throughput and CPU per request, after a
 * short untimed warm-up so that connection set-up and JIT do not land in the percentiles.
 */
export async function measureLoad(send: () => Promise<void>, plan: LoadPlan): Promise<Measured> {
  await runLoad(send, {
    concurrency: plan.concurrency,
    requests: plan.concurrency * 2,
    durationMs: undefined,
  });
  const cpuBefore = process.cpuUsage();
  const result: LoadResult = await runLoad(send, plan, process.stderr.isTTY ? showProgress : undefined);
  const cpu = process.cpuUsage(cpuBefore);
  if (process.stderr.isTTY) process.stderr.write('\r\u001b[K');
  const summary = summarizeLoad(result);
  const cpuMsPerRequest = summary.requests === 0 ? 0 : (cpu.user + cpu.system) / 1000 / summary.requests;
  return { summary, cpuMsPerRequest, firstError: result.firstError };
}

function showProgress(progress: LoadProgress): void {
  const seconds = progress.elapsedMs / 1000;
  const rate = seconds === 0 ? 0 : progress.completed / seconds;
  process.stderr.write(
    `\r\u001b[K${progress.completed} requests, ${progress.errors} errors, ${rate.toFixed(1)} req/s, ${seconds.toFixed(1)} s`,
  );
}
