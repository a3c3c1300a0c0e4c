import type { BenchCase } from './bench-cases.ts';
import type { TargetRun } from './measure-target.ts';
import type { OtlpTally } from './otlp-span-counter.ts';
import {
  costCells,
  costHeader,
  formatIndentedTable,
  formatMib,
  formatMs,
  formatSigned,
  ratio,
} from './report-cells.ts';

/** One gateway of the feature-costs bench and what it did under one case. */
export interface VariantRun {
  name: string;
  run: TargetRun;
}

/** One case on every variant; the first variant is the baseline the others are compared with. */
export interface FeatureCostCase {
  benchCase: BenchCase;
  upstreamModel: string;
  variants: VariantRun[];
}

/** Everything the feature-costs report is made of. */
export interface FeatureCostsResults {
  upstreamMode: string;
  cases: FeatureCostCase[];
  /** What the loopback OTLP receiver got from the tracing gateway, its last spans flushed. */
  receiver: OtlpTally;
  /** The variant whose spans the receiver counts. */
  tracedVariant: string;
}

/** One variant against the baseline: "+x ms CPU/request, ×y throughput", then the added p50 and peak RSS. */
export function formatFeatureCost(run: TargetRun, baseline: TargetRun): string {
  const cpu = run.cpuMsPerRequest - baseline.cpuMsPerRequest;
  const throughput = ratio(run.throughput, baseline.throughput);
  const rss = formatMib(run.peakRssBytes - baseline.peakRssBytes);
  return [
    `${cpu >= 0 ? '+' : ''}${cpu.toFixed(3)} ms CPU/request`,
    `×${Number.isFinite(throughput) ? throughput.toFixed(2) : 'n/a'} throughput`,
    `${formatSigned(run.p50Ms - baseline.p50Ms)} ms p50`,
    `${rss.startsWith('-') ? '' : '+'}${rss} MiB peak RSS`,
  ].join(', ');
}

/** The report: a table per case, one cost line per variant against the baseline, and the spans exported. */
export function formatFeatureCostsReport(results: FeatureCostsResults): string[] {
  const header = ['gateway', 'req/s', 'p50 ms', 'p99 ms', 'added p50', ...costHeader];
  const lines: string[] = [];
  for (const one of results.cases) {
    const [baseline, ...features] = one.variants;
    if (baseline === undefined) continue;
    const row = ({ name, run }: VariantRun) => [
      name,
      run.throughput.toFixed(1),
      formatMs(run.p50Ms),
      formatMs(run.p99Ms),
      formatSigned(run.p50Ms - baseline.run.p50Ms),
      ...costCells(run),
    ];
    lines.push(`${one.benchCase.name} (${one.upstreamModel} upstream)`);
    lines.push(...formatIndentedTable(header, one.variants.map(row)));
    for (const feature of features)
      lines.push(`  ${feature.name}: ${formatFeatureCost(feature.run, baseline.run)}`);
    lines.push('');
  }
  const traced = results.cases.reduce(
    (sum, one) =>
      sum + (one.variants.find((variant) => variant.name === results.tracedVariant)?.run.requests ?? 0),
    0,
  );
  const { exports, spans, bytes } = results.receiver;
  lines.push(
    spans === 0
      ? `OTLP receiver: no span exported, so ${results.tracedVariant} did not trace and its cost is not measured`
      : `OTLP receiver: ${spans} spans in ${exports} exports (${formatMib(bytes)} MiB) from ${results.tracedVariant}, for its ${traced} measured requests and the warm-up ones (upstream: ${results.upstreamMode})`,
  );
  return lines;
}
