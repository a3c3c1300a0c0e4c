import { describe, expect, it } from 'vitest';
import {
  type FeatureCostsResults,
  formatFeatureCost,
  formatFeatureCostsReport,
} from './feature-costs-report.ts';
import { sampleTargetRun } from './target-run.fixtures.ts';

const mebibyte = 2 ** 20;

const baseline = sampleTargetRun({});

const results: FeatureCostsResults = {
  upstreamMode: 'replay',
  tracedVariant: 'gateway +tracing',
  receiver: { exports: 20, spans: 9000, bytes: 3 * mebibyte },
  cases: [
    {
      benchCase: { name: 'chat c=50', kind: 'chat', concurrency: 50 },
      upstreamModel: 'sfdc_ai__DefaultGPT4OmniMini',
      variants: [
        { name: 'gateway (no ledger, no tracing)', run: baseline },
        {
          name: 'gateway +ledger',
          run: sampleTargetRun({ throughput: 950, p50Ms: 1.05, cpuMsPerRequest: 0.112 }),
        },
        {
          name: 'gateway +tracing',
          run: sampleTargetRun({
            throughput: 800,
            p50Ms: 1.3,
            cpuMsPerRequest: 0.15,
            peakRssBytes: 110 * mebibyte,
          }),
        },
      ],
    },
  ],
};

describe('formatFeatureCost', () => {
  it('says what a variant adds to the baseline, CPU and throughput first', () => {
    expect(
      formatFeatureCost(
        sampleTargetRun({ throughput: 800, p50Ms: 1.3, cpuMsPerRequest: 0.15, peakRssBytes: 110 * mebibyte }),
        baseline,
      ),
    ).toBe('+0.050 ms CPU/request, ×0.80 throughput, +0.30 ms p50, +10.0 MiB peak RSS');
  });

  it('keeps the sign of a variant that came out cheaper, and says n/a without a baseline throughput', () => {
    expect(
      formatFeatureCost(
        sampleTargetRun({ cpuMsPerRequest: 0.09, p50Ms: 0.9, peakRssBytes: 99 * mebibyte }),
        baseline,
      ),
    ).toBe('-0.010 ms CPU/request, ×1.00 throughput, -0.10 ms p50, -1.0 MiB peak RSS');
    expect(formatFeatureCost(baseline, sampleTargetRun({ throughput: 0 }))).toContain('×n/a throughput');
  });
});

describe('formatFeatureCostsReport', () => {
  it('prints a row per gateway, a cost line per feature and what the OTLP receiver got', () => {
    const lines = formatFeatureCostsReport(results);
    expect(lines[0]).toBe('chat c=50 (sfdc_ai__DefaultGPT4OmniMini upstream)');
    expect(lines[1]).toMatch(/^ {2}gateway +req\/s +p50 ms +p99 ms +added p50 +cpu ms\/req +peak RSS MiB/);
    expect(lines[2]).toMatch(
      /^ {2}gateway \(no ledger, no tracing\) +1000\.0 +1\.00 +2\.00 +\+0\.00 +0\.100 +100\.0 +0\/1000 +50%$/,
    );
    expect(lines[4]).toMatch(/^ {2}gateway \+tracing +800\.0 +1\.30 +2\.00 +\+0\.30 +0\.150 +110\.0 /);
    expect(lines.slice(5)).toEqual([
      '  gateway +ledger: +0.012 ms CPU/request, ×0.95 throughput, +0.05 ms p50, +0.0 MiB peak RSS',
      '  gateway +tracing: +0.050 ms CPU/request, ×0.80 throughput, +0.30 ms p50, +10.0 MiB peak RSS',
      '',
      'OTLP receiver: 9000 spans in 20 exports (3.0 MiB) from gateway +tracing, for its 1000 measured requests and the warm-up ones (upstream: replay)',
    ]);
  });

  it('says so when the tracing gateway exported nothing', () => {
    const lines = formatFeatureCostsReport({ ...results, receiver: { exports: 0, spans: 0, bytes: 0 } });
    expect(lines.at(-1)).toBe(
      'OTLP receiver: no span exported, so gateway +tracing did not trace and its cost is not measured',
    );
  });
});
