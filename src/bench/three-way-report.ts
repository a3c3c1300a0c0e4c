import type { BenchCase } from './bench-cases.ts';
import type { TargetRun } from './measure-target.ts';
import {
  costCells,
  costHeader,
  formatIndentedTable,
  formatMib,
  formatMs,
  formatSigned,
  ratio,
} from './report-cells.ts';

/** One case measured on the three targets. */
export interface CaseResult {
  benchCase: BenchCase;
  upstreamModel: string;
  direct: TargetRun;
  proxy: TargetRun;
  gateway: TargetRun;
}

/** Everything the three-way report is made of. */
export interface ThreeWayResults {
  upstreamMode: string;
  /** RSS of the gateway's process tree once ready, before any request. */
  gatewayStartRssBytes: number;
  cases: CaseResult[];
}

/** One target of issue 16, checked against the numbers of a run. */
export interface Verdict {
  label: string;
  /** The measured value, formatted; "n/a" when the case was not run. */
  value: string;
  met: boolean | undefined;
}

const mebibyte = 2 ** 20;

/** The targets, judged on one run's numbers. */
export function judgeTargets(results: ThreeWayResults): Verdict[] {
  const find = (name: string) => results.cases.find((one) => one.benchCase.name === name);
  const check = (label: string, value: number | undefined, limit: number, unit: string, atLeast = false) => {
    if (value === undefined || !Number.isFinite(value)) return { label, value: 'n/a', met: undefined };
    const met = atLeast ? value >= limit : value <= limit;
    return { label, value: `${value.toFixed(2)}${unit}`, met };
  };
  const serial = find('chat c=1');
  const loaded = find('chat c=50');
  const stream = find('stream c=1');
  const nativeStream = find('native stream c=1');
  return [
    check(
      'added latency p50, chat c=1 (<= 0.3 ms)',
      serial && serial.gateway.p50Ms - serial.direct.p50Ms,
      0.3,
      ' ms',
    ),
    check(
      'throughput gateway/direct, chat c=50 (>= 0.45)',
      loaded && ratio(loaded.gateway.throughput, loaded.direct.throughput),
      0.45,
      '',
      true,
    ),
    check('gateway CPU per request, chat c=50 (<= 0.2 ms)', loaded?.gateway.cpuMsPerRequest, 0.2, ' ms'),
    check(
      'added TTFB p99, stream c=1 (<= 1 ms)',
      stream && stream.gateway.ttfbP99Ms - stream.direct.ttfbP99Ms,
      1,
      ' ms',
    ),
    check(
      'added TTFB p99, native stream c=1 (<= 1 ms)',
      nativeStream && nativeStream.gateway.ttfbP99Ms - nativeStream.direct.ttfbP99Ms,
      1,
      ' ms',
    ),
    check('gateway RSS right after start (<= 80 MiB)', results.gatewayStartRssBytes / mebibyte, 80, ' MiB'),
    check(
      'gateway peak RSS, chat c=50 (<= 150 MiB)',
      loaded && loaded.gateway.peakRssBytes / mebibyte,
      150,
      ' MiB',
    ),
  ];
}

/** The report: a table per case, the ratios to both references, and one verdict line per target. */
export function formatThreeWayReport(results: ThreeWayResults): string[] {
  const header = [
    'target',
    'req/s',
    'p50 ms',
    'p99 ms',
    'added p50',
    'added p99',
    'ttfb p50',
    'ttfb p99',
    'added ttfb p50',
    'added ttfb p99',
    ...costHeader,
  ];
  const lines: string[] = [];
  for (const one of results.cases) {
    const { direct, proxy, gateway } = one;
    const row = (name: string, run: TargetRun) => [
      name,
      run.throughput.toFixed(1),
      formatMs(run.p50Ms),
      formatMs(run.p99Ms),
      formatSigned(run.p50Ms - direct.p50Ms),
      formatSigned(run.p99Ms - direct.p99Ms),
      formatMs(run.ttfbP50Ms),
      formatMs(run.ttfbP99Ms),
      formatSigned(run.ttfbP50Ms - direct.ttfbP50Ms),
      formatSigned(run.ttfbP99Ms - direct.ttfbP99Ms),
      ...costCells(run),
    ];
    lines.push(`${one.benchCase.name} (${one.upstreamModel} upstream)`);
    lines.push(
      ...formatIndentedTable(header, [
        row('direct', direct),
        row('bare proxy', proxy),
        row('gateway', gateway),
      ]),
    );
    const throughputs = `throughput gateway/direct x${ratio(gateway.throughput, direct.throughput).toFixed(2)}, gateway/proxy x${ratio(gateway.throughput, proxy.throughput).toFixed(2)}`;
    const latencies = `p50 gateway/direct x${ratio(gateway.p50Ms, direct.p50Ms).toFixed(2)}, gateway/proxy x${ratio(gateway.p50Ms, proxy.p50Ms).toFixed(2)}`;
    lines.push(`  ${throughputs}; ${latencies}`, '');
  }
  lines.push(
    `gateway RSS right after start: ${formatMib(results.gatewayStartRssBytes)} MiB (upstream: ${results.upstreamMode})`,
    'targets (issue 16)',
  );
  for (const verdict of judgeTargets(results)) {
    const word = verdict.met === undefined ? 'not measured' : verdict.met ? 'met' : 'NOT MET';
    lines.push(`  ${word.padEnd(12)} ${verdict.label}: ${verdict.value}`);
  }
  return lines;
}
