import { performance } from 'node:perf_hooks';
import { exitCodes } from '../cli/exit-codes.ts';
import { judgeRssGrowth } from './rss-growth-verdict.ts';
import { type RssSampler, startRssSampler } from './rss-sampler.ts';
import { createSoakSender, runSoakLoad } from './soak-load.ts';
import { formatSoakReport } from './soak-report.ts';
import { createKindRotation, soakRequestMix } from './soak-request-mix.ts';
import { SoakTally } from './soak-tally.ts';
import { attachToGateway, type SoakTarget, startOwnGateway } from './soak-target.ts';
import { formatPercent, judgeSoak } from './soak-verdict.ts';

/** What `sfgw soak` was asked to do. */
export interface SoakOptions {
  url?: string;
  apiKey?: string;
  duration: number;
  warmup: number;
  concurrency: number;
  maxGrowthMb: number;
  rate?: number;
}

/** More failed requests than this share fails the soak. */
const maxFailureRate = 0.001;

/** `sfgw soak`: soaks its own gateway or the one at `url` and reports the verdict; returns the exit code. */
export async function runSoak(options: SoakOptions): Promise<number> {
  if (options.warmup >= options.duration) {
    process.stderr.write('sfgw: --warmup must be shorter than --duration.\n');
    return exitCodes.badConfig;
  }
  const stop = new AbortController();
  const interrupt = () => {
    // a second Ctrl-C does not wait for the report; the exit handler still kills the gateway
    if (stop.signal.aborted) process.exit(exitCodes.failure);
    stop.abort();
  };
  // installed before the gateway starts, so that no signal ends this process without stopping it
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  try {
    const target =
      options.url === undefined ? await startOwnGateway() : await attachToGateway(options.url, options);
    if (typeof target === 'number') return target;
    try {
      if (stop.signal.aborted) {
        process.stderr.write('sfgw: interrupted before the soak began.\n');
        return exitCodes.failure;
      }
      return await soakTarget(target, options, stop);
    } finally {
      await target.stop();
    }
  } finally {
    process.removeListener('SIGINT', interrupt);
    process.removeListener('SIGTERM', interrupt);
  }
}

async function soakTarget(target: SoakTarget, options: SoakOptions, stop: AbortController): Promise<number> {
  const durationMs = options.duration * 1000;
  const warmupMs = options.warmup * 1000;
  const pace = options.rate === undefined ? '' : ` (at most ${options.rate} requests/s)`;
  process.stdout.write(
    `soak: ${target.description}\n` +
      `  ${options.duration} s at concurrency ${options.concurrency}${pace}, warm-up ${options.warmup} s, ${soakRequestMix.length} request kinds in turn\n` +
      `  fails when RSS grows more than ${options.maxGrowthMb} MB after warm-up or more than ${formatPercent(maxFailureRate)} of requests fail\n`,
  );
  let gatewayExit: string | undefined;
  void target.exited?.then((description) => {
    gatewayExit = description;
    stop.abort();
  });
  const tally = new SoakTally(soakRequestMix.map((kind) => kind.name));
  const watchdog = watchForSilence(tally, () => {
    gatewayExit ??= 'stopped answering';
    stop.abort();
  });
  const sampler = await startRssSampler(target.readMemory, sampleIntervalMs(durationMs));
  const progress = process.stderr.isTTY
    ? setInterval(() => showProgress(tally, sampler, options), 1000)
    : undefined;
  const startedAt = performance.now();
  try {
    await runSoakLoad(
      { concurrency: options.concurrency, durationMs, signal: stop.signal, ratePerSecond: options.rate },
      createKindRotation(soakRequestMix),
      createSoakSender(target.url, target.headers),
      tally,
    );
  } finally {
    clearInterval(watchdog);
    clearInterval(progress);
    if (progress) process.stderr.write('\r\u001b[K');
  }
  const elapsedMs = performance.now() - startedAt;
  const samples = await sampler.stop();
  const interrupted = stop.signal.aborted && gatewayExit === undefined;
  const rss = judgeRssGrowth(samples, { warmupMs, maxGrowthBytes: options.maxGrowthMb * 2 ** 20 });
  const verdict = judgeSoak({
    rss,
    requests: tally.total,
    failed: tally.failed,
    maxFailureRate,
    gatewayExit,
    interruptedAfterMs: interrupted ? elapsedMs : undefined,
  });
  process.stdout.write(
    formatSoakReport({ samples, warmupMs, perKind: tally.perKind(), elapsedMs, rss, verdict }),
  );
  if (!verdict.passed && target.outputTail().length > 0) {
    process.stderr.write(`the gateway's last output lines:\n${target.outputTail().join('\n')}\n`);
  }
  return verdict.passed ? exitCodes.ok : exitCodes.failure;
}

const silenceWindowMs = 5000;

// Without this, a gateway that went away would meet fast connection errors in a tight loop until the end.
function watchForSilence(tally: SoakTally, onSilent: () => void): NodeJS.Timeout {
  let last = { succeeded: tally.succeeded, failed: tally.failed };
  return setInterval(() => {
    const now = { succeeded: tally.succeeded, failed: tally.failed };
    if (now.succeeded === last.succeeded && now.failed > last.failed) onSilent();
    last = now;
  }, silenceWindowMs);
}

// Every 5 s, or often enough for about 40 samples in a shorter soak.
function sampleIntervalMs(durationMs: number): number {
  return Math.min(5000, Math.max(250, durationMs / 40));
}

function showProgress(tally: SoakTally, sampler: RssSampler, options: SoakOptions): void {
  const latest = sampler.samples.at(-1);
  const rss = latest === undefined ? 'n/a' : `${(latest.rssBytes / 2 ** 20).toFixed(1)} MB`;
  const seconds = (latest?.elapsedMs ?? 0) / 1000;
  process.stderr.write(
    `\r\u001b[K${tally.total} requests, ${tally.failed} failed, RSS ${rss} at ${seconds.toFixed(0)} s of ${options.duration} s`,
  );
}
