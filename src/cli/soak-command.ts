import { performance } from 'node:perf_hooks';
import type { Command } from 'commander';
import { isLoopback } from './bench-command.ts';
import { exitTwoOnUsageError, parseCount, parsePositiveInteger, parsePositiveNumber } from './cli-options.ts';
import { exitCodes } from './exit-codes.ts';
import { apiKeyFrom } from './gateway-client.ts';
import {
  createProcessMemoryReader,
  createReportedMemoryReader,
  type MemoryReader,
} from './gateway-memory.ts';
import { judgeRssGrowth } from './rss-growth-verdict.ts';
import { type RssSampler, startRssSampler } from './rss-sampler.ts';
import { createSoakSender, runSoakLoad } from './soak-load.ts';
import { formatSoakReport } from './soak-report.ts';
import { createKindRotation, soakRequestMix } from './soak-request-mix.ts';
import { SoakTally } from './soak-tally.ts';
import { formatPercent, judgeSoak } from './soak-verdict.ts';

interface SoakFlags {
  url?: string;
  apiKey?: string;
  duration: number;
  warmup: number;
  concurrency: number;
  maxGrowthMb: number;
  rate?: number;
}

/** The gateway being soaked and how to read its memory. */
interface SoakTarget {
  url: string;
  description: string;
  headers: Record<string, string>;
  readMemory: MemoryReader;
  /** Resolves if the gateway process ends (only known for a gateway the soak started). */
  exited: Promise<string> | undefined;
  outputTail: () => string[];
  stop: () => Promise<void>;
}

const defaultDurationSeconds = 300;
const defaultWarmupSeconds = 60;
const defaultMaxGrowthMegabytes = 48;
/** More failed requests than this share fails the soak. */
const maxFailureRate = 0.001;

/** `sfgw soak`: a bounded, steady mixed load that fails when the gateway's RSS keeps growing after warm-up. */
export function registerSoakCommand(program: Command): void {
  exitTwoOnUsageError(program.command('soak'))
    .description(
      "steady mixed load (OpenAI and Anthropic, streamed and whole, tools, responses, embeddings, token counts) for minutes; fails if the gateway's RSS keeps growing after warm-up or requests fail",
    )
    .option(
      '--url <url>',
      'soak a gateway already running on this machine (RSS from its /v1/performance/metrics); default: start one in a child process against a local simulator',
    )
    .option(
      '--api-key <key>',
      'API key for --url, sent as a Bearer token and as x-api-key (default: $SFGW_API_KEY)',
    )
    .option('-d, --duration <seconds>', 'how long to send', parsePositiveNumber, defaultDurationSeconds)
    .option('--warmup <seconds>', 'time before the RSS level counts', parseCount, defaultWarmupSeconds)
    .option('-c, --concurrency <count>', 'requests in flight at once', parsePositiveInteger, 8)
    .option(
      '--rate <per-second>',
      'most requests started per second (default: as fast as the answers come); e.g. 150 to stay within the simulator budgets of a demo gateway',
      parsePositiveNumber,
    )
    .option(
      '--max-growth-mb <megabytes>',
      'RSS growth allowed from after warm-up to the end',
      parsePositiveNumber,
      defaultMaxGrowthMegabytes,
    )
    .action(async (flags: SoakFlags) => {
      process.exitCode = await soak(flags);
    });
}

async function soak(flags: SoakFlags): Promise<number> {
  if (flags.warmup >= flags.duration) {
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
      flags.url === undefined ? await startOwnGateway() : await attachToGateway(flags.url, flags);
    if (typeof target === 'number') return target;
    try {
      if (stop.signal.aborted) {
        process.stderr.write('sfgw: interrupted before the soak began.\n');
        return exitCodes.failure;
      }
      return await soakTarget(target, flags, stop);
    } finally {
      await target.stop();
    }
  } finally {
    process.removeListener('SIGINT', interrupt);
    process.removeListener('SIGTERM', interrupt);
  }
}

async function soakTarget(target: SoakTarget, flags: SoakFlags, stop: AbortController): Promise<number> {
  const durationMs = flags.duration * 1000;
  const warmupMs = flags.warmup * 1000;
  const pace = flags.rate === undefined ? '' : ` (at most ${flags.rate} requests/s)`;
  process.stdout.write(
    `soak: ${target.description}\n` +
      `  ${flags.duration} s at concurrency ${flags.concurrency}${pace}, warm-up ${flags.warmup} s, ${soakRequestMix.length} request kinds in turn\n` +
      `  fails when RSS grows more than ${flags.maxGrowthMb} MB after warm-up or more than ${formatPercent(maxFailureRate)} of requests fail\n`,
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
    ? setInterval(() => showProgress(tally, sampler, flags), 1000)
    : undefined;
  const startedAt = performance.now();
  try {
    await runSoakLoad(
      { concurrency: flags.concurrency, durationMs, signal: stop.signal, ratePerSecond: flags.rate },
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
  const rss = judgeRssGrowth(samples, { warmupMs, maxGrowthBytes: flags.maxGrowthMb * 2 ** 20 });
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

async function startOwnGateway(): Promise<SoakTarget | number> {
  // imported on use so that every other command starts without loading the simulator
  const { startSoakGateway } = await import('./soak-gateway.ts');
  let gateway: Awaited<ReturnType<typeof startSoakGateway>>;
  try {
    gateway = await startSoakGateway();
  } catch (error) {
    process.stderr.write(`sfgw: ${(error as Error).message}\n`);
    return exitCodes.failure;
  }
  return {
    url: gateway.url,
    description: `gateway PID ${gateway.pid} at ${gateway.url} (child process, live mode against a local simulator)`,
    headers: {},
    readMemory: createProcessMemoryReader(gateway.pid, createReportedMemoryReader(gateway.url, {})),
    exited: gateway.exited,
    outputTail: gateway.outputTail,
    stop: gateway.stop,
  };
}

async function attachToGateway(rawUrl: string, flags: SoakFlags): Promise<SoakTarget | number> {
  if (!URL.canParse(rawUrl)) {
    process.stderr.write(`sfgw: --url ${rawUrl} is not a URL; use e.g. http://127.0.0.1:8000.\n`);
    return exitCodes.badConfig;
  }
  if (!isLoopback(rawUrl)) {
    process.stderr.write(`sfgw: ${rawUrl} is not on this machine; soak only loads a gateway on loopback.\n`);
    return exitCodes.badConfig;
  }
  const url = rawUrl.replace(/\/+$/, '');
  const apiKey = apiKeyFrom(flags);
  const headers: Record<string, string> =
    apiKey === undefined ? {} : { authorization: `Bearer ${apiKey}`, 'x-api-key': apiKey };
  const readMemory = createReportedMemoryReader(url, headers);
  try {
    await readMemory();
  } catch (error) {
    process.stderr.write(`sfgw: cannot read the gateway's memory at ${url}: ${describeError(error)}\n`);
    // fetch fails with a TypeError when nothing answers; an answer that is not the report is another failure
    const unreachable = error instanceof TypeError || (error as Error).name === 'TimeoutError';
    return unreachable ? exitCodes.unreachable : exitCodes.failure;
  }
  return {
    url,
    description: `the gateway at ${url} (RSS as it reports it)`,
    headers,
    readMemory,
    exited: undefined,
    outputTail: () => [],
    stop: async () => {},
  };
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

function showProgress(tally: SoakTally, sampler: RssSampler, flags: SoakFlags): void {
  const latest = sampler.samples.at(-1);
  const rss = latest === undefined ? 'n/a' : `${(latest.rssBytes / 2 ** 20).toFixed(1)} MB`;
  const seconds = (latest?.elapsedMs ?? 0) / 1000;
  process.stderr.write(
    `\r\u001b[K${tally.total} requests, ${tally.failed} failed, RSS ${rss} at ${seconds.toFixed(0)} s of ${flags.duration} s`,
  );
}

function describeError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } }).cause?.code;
  if (typeof cause === 'string') return cause;
  return error instanceof Error ? error.message : String(error);
}
