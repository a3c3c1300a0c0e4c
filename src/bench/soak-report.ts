import { formatTable } from '../cli/format-table.ts';
import { formatMegabytes, type RssGrowthVerdict } from './rss-growth-verdict.ts';
import type { MemorySample } from './rss-sampler.ts';
import type { KindOutcomes } from './soak-tally.ts';
import { formatPercent, type SoakVerdict } from './soak-verdict.ts';

/** What a finished soak reports. */
export interface SoakReport {
  samples: readonly MemorySample[];
  warmupMs: number;
  perKind: readonly KindOutcomes[];
  elapsedMs: number;
  rss: RssGrowthVerdict;
  verdict: SoakVerdict;
}

const timelineRows = 13;

/** The report printed at the end of a soak: RSS timeline, requests per kind, RSS levels, verdict. */
export function formatSoakReport(report: SoakReport): string {
  const { rss } = report;
  const seconds = report.elapsedMs / 1000;
  const total = report.perKind.reduce((sum, kind) => sum + kind.succeeded + kind.failed, 0);
  const failed = report.perKind.reduce((sum, kind) => sum + kind.failed, 0);
  const sections = [
    'RSS of the gateway process',
    indent(formatTimeline(report.samples, report.warmupMs)),
    `requests per kind (${total} in ${seconds.toFixed(0)} s, ${(total / seconds).toFixed(1)} req/s)`,
    indent(
      formatTable(
        ['kind', 'ok', 'failed'],
        [
          ...report.perKind.map((kind) => [kind.kind, String(kind.succeeded), String(kind.failed)]),
          ['total', String(total - failed), `${failed} (${formatPercent(total === 0 ? 0 : failed / total)})`],
        ],
      ),
    ),
    ...firstFailures(report.perKind),
    `RSS at start:        ${megabytes(rss.startBytes)}`,
    `RSS after warm-up:   ${megabytes(rss.afterWarmupBytes)} (median of the first ${rss.windowSize} samples from ${formatClock(report.warmupMs)})`,
    `RSS at the end:      ${megabytes(rss.endBytes)} (median of the last ${rss.windowSize} samples)`,
    `trend after warm-up: ${rss.trendBytesPerMinute === undefined ? 'n/a' : `${formatMegabytes(rss.trendBytesPerMinute)} MB/min`} over ${rss.samplesAfterWarmup} samples`,
    `verdict: ${report.verdict.passed ? 'PASS' : 'FAIL'}`,
    ...report.verdict.reasons.map((reason) => `  ${reason}`),
  ];
  return `${sections.join('\n')}\n`;
}

/** A few evenly spread samples, always the first, the first after warm-up and the last. */
export function pickTimelineSamples(samples: readonly MemorySample[], warmupMs: number): MemorySample[] {
  if (samples.length <= timelineRows) return [...samples];
  const picked = new Set<number>([samples.findIndex((sample) => sample.elapsedMs >= warmupMs)]);
  for (let row = 0; row < timelineRows; row += 1) {
    picked.add(Math.round((row * (samples.length - 1)) / (timelineRows - 1)));
  }
  return [...picked]
    .filter((index) => index >= 0)
    .sort((left, right) => left - right)
    .map((index) => samples[index] as MemorySample);
}

function formatTimeline(samples: readonly MemorySample[], warmupMs: number): string {
  const firstAfterWarmup = samples.find((sample) => sample.elapsedMs >= warmupMs);
  const last = samples.at(-1);
  const rows = pickTimelineSamples(samples, warmupMs).map((sample) => [
    formatClock(sample.elapsedMs),
    megabytes(sample.rssBytes),
    megabytes(sample.heapUsedBytes),
    sample === samples[0]
      ? 'start'
      : sample === firstAfterWarmup
        ? 'warm-up over'
        : sample === last
          ? 'end'
          : '',
  ]);
  return formatTable(['time', 'rss', 'heap used', ''], rows);
}

function firstFailures(perKind: readonly KindOutcomes[]): string[] {
  const failing = perKind.filter((kind) => kind.firstFailure !== undefined);
  if (failing.length === 0) return [];
  return [
    'first failure of each failing kind',
    ...failing.map((kind) => `  ${kind.kind}: ${kind.firstFailure}`),
  ];
}

/** Milliseconds since the start as m:ss. */
export function formatClock(elapsedMs: number): string {
  const seconds = Math.round(elapsedMs / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

function megabytes(bytes: number | undefined): string {
  return bytes === undefined ? 'n/a' : `${formatMegabytes(bytes)} MB`;
}

function indent(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
