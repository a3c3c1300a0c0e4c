import { describe, expect, it } from 'vitest';
import type { BenchCase } from './bench-cases.ts';
import type { TargetRun } from './measure-target.ts';
import { sampleTargetRun } from './target-run.fixtures.ts';
import {
  type CaseResult,
  formatThreeWayReport,
  judgeTargets,
  type ThreeWayResults,
} from './three-way-report.ts';

const mebibyte = 2 ** 20;

function result(name: string, kind: BenchCase['kind'], gateway: Partial<TargetRun>): CaseResult {
  return {
    benchCase: { name, kind, concurrency: name.endsWith('50') ? 50 : 1 },
    upstreamModel: 'sfdc_ai__DefaultGPT4OmniMini',
    direct: sampleTargetRun({ throughput: 4000, p50Ms: 0.2, p99Ms: 0.5, ttfbP50Ms: 0.2, ttfbP99Ms: 0.5 }),
    proxy: sampleTargetRun({ throughput: 2000, p50Ms: 0.4, p99Ms: 1 }),
    gateway: sampleTargetRun(gateway),
  };
}

const passing: ThreeWayResults = {
  upstreamMode: 'replay',
  gatewayStartRssBytes: 60 * mebibyte,
  cases: [
    result('chat c=1', 'chat', { p50Ms: 0.45 }),
    result('chat c=50', 'chat', { throughput: 2000, cpuMsPerRequest: 0.15, peakRssBytes: 120 * mebibyte }),
    result('stream c=1', 'stream', { ttfbP99Ms: 1.25 }),
    result('native stream c=1', 'stream', { ttfbP99Ms: 1.4 }),
  ],
};

describe('judgeTargets', () => {
  it('meets every target when each number is within its limit', () => {
    expect(judgeTargets(passing)).toEqual([
      { label: 'added latency p50, chat c=1 (<= 0.3 ms)', value: '0.25 ms', met: true },
      { label: 'throughput gateway/direct, chat c=50 (>= 0.45)', value: '0.50', met: true },
      { label: 'gateway CPU per request, chat c=50 (<= 0.2 ms)', value: '0.15 ms', met: true },
      { label: 'added TTFB p99, stream c=1 (<= 1 ms)', value: '0.75 ms', met: true },
      { label: 'added TTFB p99, native stream c=1 (<= 1 ms)', value: '0.90 ms', met: true },
      { label: 'gateway RSS right after start (<= 80 MiB)', value: '60.00 MiB', met: true },
      { label: 'gateway peak RSS, chat c=50 (<= 150 MiB)', value: '120.00 MiB', met: true },
    ]);
  });

  it('misses a target past its limit and leaves a case not run unmeasured', () => {
    const verdicts = judgeTargets({
      ...passing,
      gatewayStartRssBytes: 81 * mebibyte,
      cases: [result('chat c=50', 'chat', { throughput: 1000, cpuMsPerRequest: 0.35 })],
    });
    expect(verdicts.map((verdict) => verdict.met)).toEqual([
      undefined,
      false,
      false,
      undefined,
      undefined,
      false,
      true,
    ]);
    expect(verdicts[1]?.value).toBe('0.25');
  });
});

describe('formatThreeWayReport', () => {
  it('prints a row per target with added latency, ratios to both references and a verdict per target', () => {
    const lines = formatThreeWayReport(passing);
    expect(lines[0]).toBe('chat c=1 (sfdc_ai__DefaultGPT4OmniMini upstream)');
    expect(lines[1]).toMatch(/^ {2}target +req\/s +p50 ms +p99 ms +added p50 +added p99 +ttfb p50/);
    expect(lines[2]).toMatch(
      /^ {2}direct +4000\.0 +0\.20 +0\.50 +\+0\.00 +\+0\.00 +0\.20 +0\.50 +\+0\.00 +\+0\.00 +0\.100 +100\.0 +0\/1000 +50%$/,
    );
    expect(lines[4]).toMatch(/^ {2}gateway +1000\.0 +0\.45 +2\.00 +\+0\.25 +\+1\.50 /);
    expect(lines[5]).toBe(
      '  throughput gateway/direct x0.25, gateway/proxy x0.50; p50 gateway/direct x2.25, gateway/proxy x1.13',
    );
    expect(lines).toContain('gateway RSS right after start: 60.0 MiB (upstream: replay)');
    expect(lines.slice(-7)).toEqual([
      '  met          added latency p50, chat c=1 (<= 0.3 ms): 0.25 ms',
      '  met          throughput gateway/direct, chat c=50 (>= 0.45): 0.50',
      '  met          gateway CPU per request, chat c=50 (<= 0.2 ms): 0.15 ms',
      '  met          added TTFB p99, stream c=1 (<= 1 ms): 0.75 ms',
      '  met          added TTFB p99, native stream c=1 (<= 1 ms): 0.90 ms',
      '  met          gateway RSS right after start (<= 80 MiB): 60.00 MiB',
      '  met          gateway peak RSS, chat c=50 (<= 150 MiB): 120.00 MiB',
    ]);
  });

  it('marks a missed target NOT MET and an unmeasured one as such', () => {
    const lines = formatThreeWayReport({ ...passing, cases: [] });
    expect(lines).toContain('  not measured added latency p50, chat c=1 (<= 0.3 ms): n/a');
    expect(lines).toContain('  met          gateway RSS right after start (<= 80 MiB): 60.00 MiB');
    const over = formatThreeWayReport({ ...passing, gatewayStartRssBytes: 90 * mebibyte });
    expect(over).toContain('  NOT MET      gateway RSS right after start (<= 80 MiB): 90.00 MiB');
  });
});
