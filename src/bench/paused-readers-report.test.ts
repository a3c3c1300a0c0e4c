import { describe, expect, it } from 'vitest';
import { formatPausedReadersReport, judgePausedReadersRound } from './paused-readers-report.ts';
import type { PausedReadersRound } from './paused-readers-round.ts';

const megabyte = 2 ** 20;
const bound = 64 * megabyte;

const round = (changes: Partial<PausedReadersRound> = {}): PausedReadersRound => ({
  readers: 70,
  mostRunning: 64,
  mostQueued: 7,
  slotsFreedAfterMs: 31_500,
  holdLimitMs: 45_000,
  readersCut: 64,
  probeWhileHeld: { status: 503, waitedMs: 10_004 },
  probeAfter: { status: 200, waitedMs: 6 },
  rssAtStartBytes: 200 * megabyte,
  rssBeforeBytes: 600 * megabyte,
  rssPeakBytes: 640 * megabyte,
  rssAfterBytes: 610 * megabyte,
  ...changes,
});

describe('judgePausedReadersRound', () => {
  it('passes when the slots came back and RSS after is within the bound of before', () => {
    expect(judgePausedReadersRound(round(), bound).passed).toBe(true);
  });

  it('fails when the readers still held their slots at the hold limit, whatever RSS did', () => {
    const verdict = judgePausedReadersRound(round({ slotsFreedAfterMs: undefined }), bound);
    expect(verdict).toEqual({ passed: false, reason: 'the readers still held their slots after 45.0 s' });
  });

  it('fails when RSS after stays more than the bound above before', () => {
    const verdict = judgePausedReadersRound(round({ rssAfterBytes: 665 * megabyte }), bound);
    expect(verdict.passed).toBe(false);
    expect(verdict.reason).toBe('RSS after the round is 65.0 MB above before, more than 64.0 MB');
  });
});

describe('formatPausedReadersReport', () => {
  it('shows the slots, both requests, every RSS level with the change, and the verdict', () => {
    const lines = formatPausedReadersReport(round(), { passed: true, reason: 'fine' });
    expect(lines).toContain('  slots freed:          after 31.5 s');
    expect(lines).toContain('  request while held:   503 after 10.0 s');
    expect(lines).toContain('  request after:        200 after 0.01 s');
    expect(lines).toContain('  RSS after:            610.0 MB (+10.0 MB)');
    expect(lines.at(-1)).toBe('verdict: PASS: fine');
  });
});
