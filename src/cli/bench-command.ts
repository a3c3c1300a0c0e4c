import type { Command } from 'commander';
import { isLoopbackHost } from '../config/build-access-config.ts';
import { defaultModelAliases } from '../providers/salesforce/model-names.ts';
import { type LoadPlan, type LoadProgress, type LoadResult, runLoad } from './bench-load.ts';
import { createDirectSender, createGatewaySender } from './bench-senders.ts';
import { formatSummary, type LoadSummary, summarizeLoad } from './bench-summary.ts';
import { exitTwoOnUsageError, parsePositiveInteger, parsePositiveNumber } from './cli-options.ts';
import { exitCodes } from './exit-codes.ts';
import { apiKeyFrom, defaultChatModel, GatewayClient, reportClientError } from './gateway-client.ts';

interface BenchFlags {
  url?: string;
  apiKey?: string;
  concurrency: number;
  duration?: number;
  requests?: number;
  stream?: boolean;
  model: string;
  allowRemote?: boolean;
  pausedReaders?: number;
  hostileSchemas?: number;
}

/** One measured run and the CPU this process spent on it. */
interface Measured {
  summary: LoadSummary;
  cpuMsPerRequest: number;
  firstError: string | undefined;
}

const defaultDurationSeconds = 10;

/** `sfgw bench`: a bounded load of small chat requests, with throughput and latency percentiles. */
export function registerBenchCommand(program: Command): void {
  exitTwoOnUsageError(program.command('bench'))
    .description(
      'load-test a gateway with small chat requests; without --url, an in-process demo gateway measured against direct simulator calls',
    )
    .option('--url <url>', 'a running gateway (loopback only unless --allow-remote)')
    .option('--api-key <key>', 'API key sent as a Bearer token (default: $SFGW_API_KEY)')
    .option('-c, --concurrency <count>', 'requests in flight at once', parsePositiveInteger, 8)
    .option(
      '-d, --duration <seconds>',
      `how long to send (default ${defaultDurationSeconds} s)`,
      parsePositiveNumber,
    )
    .option(
      '-n, --requests <count>',
      'how many requests to send (with --duration: whichever ends first)',
      parsePositiveInteger,
    )
    .option('--stream', 'ask for streamed answers')
    .option('-m, --model <name>', 'model name', defaultChatModel)
    .option('--allow-remote', 'allow a --url that is not on this machine')
    .option(
      '--paused-readers <count>',
      'instead of the load: this many streams that never read their answers, against a gateway in a child process; reports its slots and its RSS before, at peak and after, and fails if RSS stays 64 MB above before',
      parsePositiveInteger,
    )
    .option(
      '--hostile-schemas <count>',
      'instead of the load: one oversized schema, then this many distinct 46 KB tool schemas, against a gateway in a child process, while /livez is polled; fails on a poll of 500 ms or more, an answer of 2 s or more, or RSS growing 64 MB after warm-up',
      parsePositiveInteger,
    )
    .action(async (flags: BenchFlags) => {
      process.exitCode = await bench(flags);
    });
}

async function bench(flags: BenchFlags): Promise<number> {
  if (flags.hostileSchemas !== undefined) {
    if (flags.url !== undefined) {
      process.stderr.write('sfgw: --hostile-schemas starts its own gateway, to read its RSS; drop --url.\n');
      return exitCodes.badConfig;
    }
    const { benchHostileSchemas } = await import('./hostile-schemas-bench.ts');
    return benchHostileSchemas(flags.hostileSchemas);
  }
  if (flags.pausedReaders !== undefined) {
    if (flags.url !== undefined) {
      process.stderr.write('sfgw: --paused-readers starts its own gateway, to read its RSS; drop --url.\n');
      return exitCodes.badConfig;
    }
    const { benchPausedReaders } = await import('./paused-readers-bench.ts');
    return benchPausedReaders(flags.pausedReaders);
  }
  const plan: LoadPlan = {
    concurrency: flags.concurrency,
    requests: flags.requests,
    durationMs: durationOf(flags),
  };
  const runs =
    flags.url === undefined ? await benchInProcess(flags, plan) : await benchUrl(flags.url, flags, plan);
  if (typeof runs === 'number') return runs;
  const peakRssMegabytes = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`peak RSS: ${peakRssMegabytes.toFixed(1)} MB (this process)\n`);
  const failed = runs.find((run) => run.summary.errors > 0);
  if (failed) process.stderr.write(`sfgw: some requests failed, the first with: ${failed.firstError}\n`);
  return failed ? exitCodes.failure : exitCodes.ok;
}

async function benchUrl(url: string, flags: BenchFlags, plan: LoadPlan): Promise<Measured[] | number> {
  if (!URL.canParse(url)) {
    process.stderr.write(`sfgw: --url ${url} is not a URL; use e.g. http://127.0.0.1:8000.\n`);
    return exitCodes.badConfig;
  }
  if (!flags.allowRemote && !isLoopback(url)) {
    process.stderr.write(`sfgw: ${url} is not on this machine; pass --allow-remote to load it anyway.\n`);
    return exitCodes.badConfig;
  }
  const client = new GatewayClient(flags);
  try {
    await client.get('/health');
  } catch (error) {
    return reportClientError(error);
  }
  const send = createGatewaySender(client.url, {
    model: flags.model,
    stream: flags.stream === true,
    apiKey: apiKeyFrom(flags),
  });
  const gateway = await measure(send, plan);
  process.stdout.write(
    `${formatSummary(`gateway ${client.url} (${describePlan(flags)})`, gateway.summary).join('\n')}\n`,
  );
  return [gateway];
}

async function benchInProcess(flags: BenchFlags, plan: LoadPlan): Promise<Measured[]> {
  // imported on use so that every other command starts without loading the whole gateway
  const { startBenchStack } = await import('./bench-stack.ts');
  const stack = await startBenchStack();
  try {
    const upstreamModel = defaultModelAliases[flags.model] ?? flags.model;
    const viaGateway = createGatewaySender(stack.gatewayUrl, {
      model: flags.model,
      stream: flags.stream === true,
    });
    const direct = createDirectSender(stack.apiBaseUrl, stack.token, upstreamModel);
    const gateway = await measure(viaGateway, plan);
    const simulator = await measure(direct, plan);
    const lines = [
      ...formatSummary(
        `gateway, in-process demo (${describePlan(flags)})`,
        gateway.summary,
        gateway.cpuMsPerRequest,
      ),
      ...formatSummary(
        `direct to the simulator's chat-generations (${upstreamModel}, not streamed)`,
        simulator.summary,
        simulator.cpuMsPerRequest,
      ),
      'gateway vs direct',
      `  latency:     p50 x${ratio(gateway.summary.p50Ms, simulator.summary.p50Ms)}  p99 x${ratio(gateway.summary.p99Ms, simulator.summary.p99Ms)}`,
      `  throughput:  x${ratio(gateway.summary.throughput, simulator.summary.throughput)}`,
      `  cpu:         +${(gateway.cpuMsPerRequest - simulator.cpuMsPerRequest).toFixed(2)} ms per request (the gateway's own work)`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return [gateway, simulator];
  } finally {
    await stack.close();
  }
}

// A short untimed warm-up first, so connection set-up and JIT do not land in the percentiles.
async function measure(send: () => Promise<void>, plan: LoadPlan): Promise<Measured> {
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

// --requests alone sends exactly that many; otherwise the run is bounded in time
function durationOf(flags: BenchFlags): number | undefined {
  if (flags.duration !== undefined) return flags.duration * 1000;
  return flags.requests === undefined ? defaultDurationSeconds * 1000 : undefined;
}

function showProgress(progress: LoadProgress): void {
  const seconds = progress.elapsedMs / 1000;
  const rate = seconds === 0 ? 0 : progress.completed / seconds;
  process.stderr.write(
    `\r\u001b[K${progress.completed} requests, ${progress.errors} errors, ${rate.toFixed(1)} req/s, ${seconds.toFixed(1)} s`,
  );
}

function describePlan(flags: BenchFlags): string {
  const size = flags.requests !== undefined ? `${flags.requests} requests` : '';
  const time =
    flags.duration !== undefined || flags.requests === undefined
      ? `${flags.duration ?? defaultDurationSeconds} s`
      : '';
  const limits = [size, time].filter((part) => part !== '').join(' or ');
  return `${limits}, concurrency ${flags.concurrency}, ${flags.stream ? 'streamed' : 'not streamed'}, model ${flags.model}`;
}

function ratio(value: number, reference: number): string {
  return reference > 0 && Number.isFinite(value) ? (value / reference).toFixed(2) : 'n/a';
}

/** Whether a URL points at this machine. */
export function isLoopback(url: string): boolean {
  return isLoopbackHost(new URL(url).hostname);
}
