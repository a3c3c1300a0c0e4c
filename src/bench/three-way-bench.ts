import { defaultModelAliases } from '../providers/salesforce/model-names.ts';
import { tokenPath } from '../simulator/endpoints.ts';
import { fetchSimulatorToken } from '../simulator/simulator-client.ts';
import { type BenchCase, benchCases, gatewayRequest, upstreamRequest } from './bench-cases.ts';
import {
  type BenchProcess,
  type BenchUpstream,
  startBareProxy,
  startGatewayProcess,
  startUpstream,
} from './bench-processes.ts';
import { measureTargets, type TargetRun } from './measure-target.ts';
import { readProcessTree } from './process-tree.ts';
import { reportFailedRequests, runWithChildren } from './run-with-children.ts';
import { type CaseResult, formatThreeWayReport } from './three-way-report.ts';
import { createTimedSender } from './timed-load.ts';

/** What the three-way bench is asked to do. */
export interface ThreeWayOptions {
  durationMs: number;
  model: string;
  /** `replay` (a recorded-answer fake in front of the simulator) or `simulator`. */
  upstream: string;
}

// long enough after /readyz for start-up work (the first token, lazy imports) to have settled
const settleAfterStartMs = 1000;

/**
 * `sfgw bench` without --url: an upstream, a bare undici proxy and the gateway as three child
 * processes; each case is sent direct, through the proxy and through the gateway in turn, from
 * this process, and the report compares them. Exits 0 whatever the verdicts: a bench reports.
 */
export function benchThreeWays(options: ThreeWayOptions): Promise<number> {
  return runWithChildren(async (folder, started) => {
    const upstream = await startUpstream(options.upstream);
    started.push(upstream);
    const proxy = await startBareProxy(upstream.url);
    started.push(proxy);
    const gateway = await startGatewayProcess(upstream, folder);
    started.push(gateway);
    const nativeGateway = await startGatewayProcess(upstream, folder, { surface: 'native' });
    started.push(nativeGateway);
    await new Promise((resolve) => setTimeout(resolve, settleAfterStartMs));
    const gatewayStartRssBytes = (await readProcessTree(gateway.pid)).rssBytes;
    const token = await fetchSimulatorToken({
      tokenUrl: `${upstream.url}${tokenPath}`,
      clientId: upstream.clientId,
      clientSecret: upstream.clientSecret,
    });
    process.stdout.write(
      `three-way bench: upstream ${upstream.mode} (PID ${upstream.pid}), bare undici proxy (PID ${proxy.pid}), gateway as \`npm start\` runs it (PID ${gateway.pid}; UPSTREAM_API=native: PID ${nativeGateway.pid}); ${options.durationMs / 1000} s per target and case\n`,
    );
    const cases: CaseResult[] = [];
    for (const benchCase of benchCases) {
      process.stderr.write(`  ${benchCase.name}: direct, proxy, gateway…\n`);
      cases.push(await runCase(benchCase, { upstream, proxy, gateway, nativeGateway, token }, options));
    }
    const counts = options.upstream === 'replay' ? await upstream.ask('counts', 'counts') : undefined;
    const lines = formatThreeWayReport({
      upstreamMode: options.upstream,
      gatewayStartRssBytes,
      cases,
    });
    process.stdout.write(`${lines.join('\n')}\n`);
    if (counts !== undefined)
      process.stdout.write(`upstream answers (recorded/replayed): ${JSON.stringify(counts)}\n`);
    reportFailedRequests(cases.flatMap((one) => [one.direct, one.proxy, one.gateway]));
  });
}

interface Targets {
  upstream: BenchUpstream;
  proxy: BenchProcess;
  gateway: BenchProcess;
  nativeGateway: BenchProcess;
  token: string;
}

async function runCase(
  benchCase: BenchCase,
  targets: Targets,
  options: ThreeWayOptions,
): Promise<CaseResult> {
  const plan = { concurrency: benchCase.concurrency, durationMs: options.durationMs };
  const throughGateway = gatewayRequest(benchCase.kind, options.model);
  const gateway = benchCase.surface === 'native' ? targets.nativeGateway : targets.gateway;
  // one request through the gateway first, so the direct calls send exactly what it sends upstream
  const probe = createTimedSender(gateway.url, throughGateway, 1);
  await probe.send().finally(() => probe.close());
  const ask = benchCase.surface === 'native' ? 'last-native' : 'last-chat';
  const recorded = (await targets.upstream.ask(ask, 'lastChat')) as {
    url: string;
    body: string;
  } | null;
  if (recorded === null) throw new Error(`the gateway sent nothing upstream for ${benchCase.name}`);
  const direct = upstreamRequest(recorded, targets.token);
  const senders = [
    createTimedSender(targets.upstream.url, direct, benchCase.concurrency),
    createTimedSender(targets.proxy.url, direct, benchCase.concurrency),
    createTimedSender(gateway.url, throughGateway, benchCase.concurrency),
  ];
  const pids = [targets.upstream.pid, targets.proxy.pid, gateway.pid];
  try {
    const runs = await measureTargets(
      senders.map((sender, index) => ({ sender, pid: pids[index] as number })),
      plan,
    );
    const [directRun, proxyRun, gatewayRun] = runs as [TargetRun, TargetRun, TargetRun];
    return {
      benchCase,
      upstreamModel: defaultModelAliases[options.model] ?? options.model,
      direct: directRun,
      proxy: proxyRun,
      gateway: gatewayRun,
    };
  } finally {
    await Promise.all(senders.map((sender) => sender.close()));
  }
}
