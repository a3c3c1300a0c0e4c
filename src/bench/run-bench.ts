import { exitCodes } from '../cli/exit-codes.ts';
import { apiKeyFrom, GatewayClient, reportClientError } from '../cli/gateway-client.ts';
import { defaultModelAliases } from '../providers/salesforce/model-names.ts';
import type { LoadPlan } from './bench-load.ts';
import { createDirectSender, createGatewaySender } from './bench-senders.ts';
import { formatSummary } from './bench-summary.ts';
import { isLoopback } from './is-loopback.ts';
import { type Measured, measureLoad } from './measure-load.ts';

/** What `sfgw bench` was asked to do. */
export interface BenchOptions {
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
  /** The three-way bench's upstream: `replay` (default) or `simulator`. */
  upstream?: string;
  /** Instead of the three-way bench: the per-request cost of the ledger and of tracing. */
  featureCosts?: boolean;
}

/** Seconds a bench sends for when neither a duration nor a request count is given. */
export const defaultBenchDurationSeconds = 10;

/**
 * `sfgw bench`: one of the paused-readers or hostile-schemas rounds; without --url, --requests or
 * --stream the three-way bench (direct, bare proxy, gateway as child processes) or, with
 * --feature-costs, the gateway without and with the ledger and tracing; otherwise one
 * bounded load (against --url, or the in-process demo gateway); returns the exit code.
 */
export async function runBench(options: BenchOptions): Promise<number> {
  if (options.hostileSchemas !== undefined) {
    if (options.url !== undefined) {
      process.stderr.write('sfgw: --hostile-schemas starts its own gateway, to read its RSS; drop --url.\n');
      return exitCodes.badConfig;
    }
    const { benchHostileSchemas } = await import('./hostile-schemas-bench.ts');
    return benchHostileSchemas(options.hostileSchemas);
  }
  if (options.pausedReaders !== undefined) {
    if (options.url !== undefined) {
      process.stderr.write('sfgw: --paused-readers starts its own gateway, to read its RSS; drop --url.\n');
      return exitCodes.badConfig;
    }
    const { benchPausedReaders } = await import('./paused-readers-bench.ts');
    return benchPausedReaders(options.pausedReaders);
  }
  if (
    options.featureCosts &&
    (options.url !== undefined || options.requests !== undefined || options.stream)
  ) {
    process.stderr.write(
      'sfgw: --feature-costs starts its own gateways and sends plain chat for -d seconds; drop --url, --requests and --stream.\n',
    );
    return exitCodes.badConfig;
  }
  if (options.url === undefined && options.requests === undefined && options.stream !== true) {
    const upstream = options.upstream ?? 'replay';
    if (upstream !== 'replay' && upstream !== 'simulator') {
      process.stderr.write(`sfgw: --upstream ${upstream}: use replay or simulator.\n`);
      return exitCodes.badConfig;
    }
    const durationMs = (options.duration ?? defaultBenchDurationSeconds) * 1000;
    if (options.featureCosts) {
      const { benchFeatureCosts } = await import('./feature-costs-bench.ts');
      return benchFeatureCosts({ durationMs, model: options.model, upstream });
    }
    const { benchThreeWays } = await import('./three-way-bench.ts');
    return benchThreeWays({ durationMs, model: options.model, upstream });
  }
  const plan: LoadPlan = {
    concurrency: options.concurrency,
    requests: options.requests,
    durationMs: durationOf(options),
  };
  const runs =
    options.url === undefined
      ? await benchInProcess(options, plan)
      : await benchUrl(options.url, options, plan);
  if (typeof runs === 'number') return runs;
  const peakRssMegabytes = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`peak RSS: ${peakRssMegabytes.toFixed(1)} MB (this process)\n`);
  const failed = runs.find((run) => run.summary.errors > 0);
  if (failed) process.stderr.write(`sfgw: some requests failed, the first with: ${failed.firstError}\n`);
  return failed ? exitCodes.failure : exitCodes.ok;
}

async function benchUrl(url: string, options: BenchOptions, plan: LoadPlan): Promise<Measured[] | number> {
  if (!URL.canParse(url)) {
    process.stderr.write(`sfgw: --url ${url} is not a URL; use e.g. http://127.0.0.1:8000.\n`);
    return exitCodes.badConfig;
  }
  if (!options.allowRemote && !isLoopback(url)) {
    process.stderr.write(`sfgw: ${url} is not on this machine; pass --allow-remote to load it anyway.\n`);
    return exitCodes.badConfig;
  }
  const client = new GatewayClient(options);
  try {
    await client.get('/health');
  } catch (error) {
    return reportClientError(error);
  }
  const send = createGatewaySender(client.url, {
    model: options.model,
    stream: options.stream === true,
    apiKey: apiKeyFrom(options),
  });
  const gateway = await measureLoad(send, plan);
  process.stdout.write(
    `${formatSummary(`gateway ${client.url} (${describePlan(options)})`, gateway.summary).join('\n')}\n`,
  );
  return [gateway];
}

async function benchInProcess(options: BenchOptions, plan: LoadPlan): Promise<Measured[]> {
  // imported on use so that every other command starts without loading the whole gateway
  const { startBenchStack } = await import('./bench-stack.ts');
  const stack = await startBenchStack();
  try {
    const upstreamModel = defaultModelAliases[options.model] ?? options.model;
    const viaGateway = createGatewaySender(stack.gatewayUrl, {
      model: options.model,
      stream: options.stream === true,
    });
    const direct = createDirectSender(stack.apiBaseUrl, stack.token, upstreamModel);
    const gateway = await measureLoad(viaGateway, plan);
    const simulator = await measureLoad(direct, plan);
    const lines = [
      ...formatSummary(
        `gateway, in-process demo (${describePlan(options)})`,
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

// --requests alone sends exactly that many; otherwise the run is bounded in time
function durationOf(options: BenchOptions): number | undefined {
  if (options.duration !== undefined) return options.duration * 1000;
  return options.requests === undefined ? defaultBenchDurationSeconds * 1000 : undefined;
}

function describePlan(options: BenchOptions): string {
  const size = options.requests !== undefined ? `${options.requests} requests` : '';
  const time =
    options.duration !== undefined || options.requests === undefined
      ? `${options.duration ?? defaultBenchDurationSeconds} s`
      : '';
  const limits = [size, time].filter((part) => part !== '').join(' or ');
  return `${limits}, concurrency ${options.concurrency}, ${options.stream ? 'streamed' : 'not streamed'}, model ${options.model}`;
}

function ratio(value: number, reference: number): string {
  return reference > 0 && Number.isFinite(value) ? (value / reference).toFixed(2) : 'n/a';
}
