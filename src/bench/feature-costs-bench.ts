import path from 'node:path';
import { defaultModelAliases } from '../providers/salesforce/model-names.ts';
import { benchCases, gatewayRequest } from './bench-cases.ts';
import {
  type BenchProcess,
  type GatewayVariant,
  startGatewayProcess,
  startUpstream,
} from './bench-processes.ts';
import { type FeatureCostCase, formatFeatureCostsReport } from './feature-costs-report.ts';
import { measureTargets } from './measure-target.ts';
import { type OtlpSpanCounter, startOtlpSpanCounter } from './otlp-span-counter.ts';
import { reportFailedRequests, runWithChildren } from './run-with-children.ts';
import { createTimedSender } from './timed-load.ts';

/** What the feature-costs bench is asked to do. */
export interface FeatureCostsOptions {
  durationMs: number;
  model: string;
  /** `replay` (a recorded-answer fake in front of the simulator) or `simulator`. */
  upstream: string;
}

// as in the three-way bench: start-up work (the first token, lazy imports) settled before the load
const settleAfterStartMs = 1000;
const tracedVariant = 'gateway +tracing';

/**
 * `sfgw bench --feature-costs`: the gateway four times as child processes (no ledger and no
 * tracing; the ledger on a file; tracing to a loopback OTLP receiver in this process; the response
 * cache, which answers the bench's one repeated request from memory), sent plain
 * chat at c=1 and c=50 in turns, to print what each feature adds per request. Exits 0 whatever
 * the numbers: a bench reports.
 */
export async function benchFeatureCosts(options: FeatureCostsOptions): Promise<number> {
  const receiver = await startOtlpSpanCounter();
  try {
    return await runWithChildren((folder, started) =>
      measureFeatureCosts(options, folder, started, receiver),
    );
  } finally {
    await receiver.close();
  }
}

async function measureFeatureCosts(
  options: FeatureCostsOptions,
  folder: string,
  started: BenchProcess[],
  receiver: OtlpSpanCounter,
): Promise<void> {
  const upstream = await startUpstream(options.upstream);
  started.push(upstream);
  const noLedger = { USAGE_DB: '' };
  const variants: Array<{ label: string; variant: GatewayVariant }> = [
    { label: 'gateway (no ledger, no tracing)', variant: { name: 'baseline', settings: noLedger } },
    {
      label: 'gateway +ledger',
      variant: { name: 'ledger', settings: { USAGE_DB: path.join(folder, 'usage.db') } },
    },
    {
      label: tracedVariant,
      variant: {
        name: 'tracing',
        settings: noLedger,
        environment: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url },
      },
    },
    // the bench repeats one request: after the first answer, every one is a hit
    {
      label: 'gateway +response cache',
      variant: { name: 'response-cache', settings: { ...noLedger, RESPONSE_CACHE_SECONDS: '600' } },
    },
  ];
  const gateways: BenchProcess[] = [];
  for (const { variant } of variants) {
    const gateway = await startGatewayProcess(upstream, folder, variant);
    started.push(gateway);
    gateways.push(gateway);
  }
  await new Promise((resolve) => setTimeout(resolve, settleAfterStartMs));
  process.stdout.write(
    `feature-costs bench: upstream ${upstream.mode} (PID ${upstream.pid}), ${variants.map(({ label }, index) => `${label} (PID ${gateways[index]?.pid})`).join(', ')}; ${options.durationMs / 1000} s per gateway and case\n`,
  );
  const cases: FeatureCostCase[] = [];
  for (const benchCase of benchCases.filter((one) => one.kind === 'chat' && one.surface === undefined)) {
    process.stderr.write(`  ${benchCase.name}: ${variants.map(({ label }) => label).join(', ')}…\n`);
    const request = gatewayRequest('chat', options.model);
    const senders = gateways.map((gateway) => createTimedSender(gateway.url, request, benchCase.concurrency));
    try {
      const runs = await measureTargets(
        senders.map((sender, index) => ({ sender, pid: gateways[index]?.pid as number })),
        { concurrency: benchCase.concurrency, durationMs: options.durationMs },
      );
      cases.push({
        benchCase,
        upstreamModel: defaultModelAliases[options.model] ?? options.model,
        variants: runs.map((run, index) => ({ name: variants[index]?.label as string, run })),
      });
    } finally {
      await Promise.all(senders.map((sender) => sender.close()));
    }
  }
  // closing flushes the spans the batch still holds
  await gateways[variants.findIndex(({ label }) => label === tracedVariant)]?.stop();
  const lines = formatFeatureCostsReport({
    upstreamMode: options.upstream,
    cases,
    receiver: receiver.tally(),
    tracedVariant,
  });
  process.stdout.write(`${lines.join('\n')}\n`);
  reportFailedRequests(cases.flatMap((one) => one.variants.map((variant) => variant.run)));
}
