import type { PausedReadersRound } from './paused-readers-round.ts';
import type { ProbeOutcome } from './paused-readers-traffic.ts';
import { formatMegabytes } from './rss-growth-verdict.ts';

// Verdict policy: a round of clients that stop reading passes when the gateway gave every slot
// back before the hold limit, and its RSS after the round is within the bound of before.

/** Whether a round passed, and one sentence saying why. */
export interface PausedReadersVerdict {
  passed: boolean;
  reason: string;
}

/** Judges a round against the RSS growth it may leave behind. */
export function judgePausedReadersRound(
  round: PausedReadersRound,
  maxGrowthBytes: number,
): PausedReadersVerdict {
  const growthBytes = round.rssAfterBytes - round.rssBeforeBytes;
  const bound = `${formatMegabytes(maxGrowthBytes)} MB`;
  if (round.slotsFreedAfterMs === undefined) {
    return {
      passed: false,
      reason: `the readers still held their slots after ${seconds(round.holdLimitMs)}`,
    };
  }
  if (growthBytes > maxGrowthBytes) {
    return {
      passed: false,
      reason: `RSS after the round is ${formatMegabytes(growthBytes)} MB above before, more than ${bound}`,
    };
  }
  return { passed: true, reason: `slots freed, and RSS after the round is within ${bound} of before` };
}

/** The report lines of a round and its verdict. */
export function formatPausedReadersReport(
  round: PausedReadersRound,
  verdict: PausedReadersVerdict,
): string[] {
  const growthBytes = round.rssAfterBytes - round.rssBeforeBytes;
  const sign = growthBytes >= 0 ? '+' : '-';
  return [
    `  slots held:           ${round.mostRunning} running, ${round.mostQueued} queued at the most`,
    round.slotsFreedAfterMs === undefined
      ? `  slots freed:          no, still held after ${seconds(round.holdLimitMs)}`
      : `  slots freed:          after ${seconds(round.slotsFreedAfterMs)}`,
    `  readers reset:        ${round.readersCut} of ${round.readers}`,
    `  request while held:   ${describeProbe(round.probeWhileHeld)}`,
    `  request after:        ${describeProbe(round.probeAfter)}`,
    `  RSS at start:         ${formatMegabytes(round.rssAtStartBytes)} MB`,
    `  RSS before:           ${formatMegabytes(round.rssBeforeBytes)} MB (after the same streams, read by clients that read)`,
    `  RSS at peak:          ${formatMegabytes(round.rssPeakBytes)} MB`,
    `  RSS after:            ${formatMegabytes(round.rssAfterBytes)} MB (${sign}${formatMegabytes(Math.abs(growthBytes))} MB)`,
    `verdict: ${verdict.passed ? 'PASS' : 'FAIL'}: ${verdict.reason}`,
  ];
}

function describeProbe(outcome: ProbeOutcome): string {
  const answer = outcome.status === 0 ? 'no answer' : String(outcome.status);
  return `${answer} after ${seconds(outcome.waitedMs)}`;
}

function seconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(milliseconds < 1000 ? 2 : 1)} s`;
}
