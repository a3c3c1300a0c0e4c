import type { RssGrowthVerdict } from './rss-growth-verdict.ts';

/** Everything a soak is judged on. */
export interface SoakFindings {
  rss: RssGrowthVerdict;
  requests: number;
  failed: number;
  /** The largest share of failed requests allowed, 0..1. */
  maxFailureRate: number;
  /** How the gateway was lost during the soak (it exited, or stopped answering), when it was. */
  gatewayExit: string | undefined;
  /** Set when the soak was stopped (Ctrl-C) before its duration was up. */
  interruptedAfterMs: number | undefined;
}

/** The soak's outcome and the reasons for it, most important first. */
export interface SoakVerdict {
  passed: boolean;
  reasons: string[];
}

/** Passes only when the gateway stayed up, answered (nearly) every request well and its RSS levelled off. */
export function judgeSoak(findings: SoakFindings): SoakVerdict {
  const problems: string[] = [];
  if (findings.gatewayExit !== undefined)
    problems.push(`the gateway ${findings.gatewayExit} during the soak`);
  if (findings.interruptedAfterMs !== undefined) {
    problems.push(`the soak was interrupted after ${Math.round(findings.interruptedAfterMs / 1000)} s`);
  }
  if (findings.requests === 0) problems.push('no request was answered');
  const failureRate = findings.requests === 0 ? 0 : findings.failed / findings.requests;
  const failures = `${findings.failed} of ${findings.requests} requests failed (${formatPercent(failureRate)})`;
  const failureBound = `the ${formatPercent(findings.maxFailureRate)} bound`;
  if (failureRate > findings.maxFailureRate) problems.push(`${failures}, more than ${failureBound}`);
  if (!findings.rss.passed) problems.push(findings.rss.reason);
  if (problems.length > 0) return { passed: false, reasons: problems };
  return { passed: true, reasons: [findings.rss.reason, `${failures}, within ${failureBound}`] };
}

/** A 0..1 share as a percentage with enough decimals for small bounds. */
export function formatPercent(share: number): string {
  return `${(share * 100).toFixed(3).replace(/\.?0+$/, '')}%`;
}
