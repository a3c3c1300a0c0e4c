import { describe, expect, it } from 'vitest';
import { createPacer, runSoakLoad, type SoakSend } from './soak-load.ts';
import { createKindRotation, type SoakRequestKind } from './soak-request-mix.ts';
import { SoakTally } from './soak-tally.ts';

const kinds: SoakRequestKind[] = ['good', 'bad'].map((name) => ({
  name,
  path: `/${name}`,
  body: (sequence) => ({ sequence }),
  checkAnswer: () => undefined,
}));

// Long enough that only the abort can end these runs.
const longDurationMs = 60_000;

describe('runSoakLoad', () => {
  it('sends the kinds in turn from every loop and counts each outcome per kind until stopped', async () => {
    const stop = new AbortController();
    const tally = new SoakTally(kinds.map((kind) => kind.name));
    const inFlight = new Set<number>();
    let mostInFlight = 0;
    let sent = 0;
    const send: SoakSend = async ({ kind, sequence }) => {
      sent += 1;
      if (sent === 40) stop.abort();
      inFlight.add(sent);
      mostInFlight = Math.max(mostInFlight, inFlight.size);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight.delete(sent);
      if (kind.name === 'bad' && sequence % 2 === 0) throw new Error(`refused ${sequence}`);
    };
    await runSoakLoad(
      { concurrency: 4, durationMs: longDurationMs, signal: stop.signal, ratePerSecond: undefined },
      createKindRotation(kinds),
      send,
      tally,
    );
    expect(sent).toBe(40);
    expect(mostInFlight).toBe(4);
    const [good, bad] = tally.perKind();
    expect(good).toMatchObject({ succeeded: 20, failed: 0 });
    // failures that end after the stop still count: only the stop's own aborts do not
    expect(bad).toMatchObject({ succeeded: 10, failed: 10, firstFailure: '/bad: refused 2' });
  });

  it('does not count requests that the stop itself cut short', async () => {
    const stop = new AbortController();
    const tally = new SoakTally(kinds.map((kind) => kind.name));
    const send: SoakSend = (_turn, signal) =>
      new Promise((_resolve, reject) => {
        // as fetch does: the request fails with the signal's AbortError
        signal.addEventListener('abort', () => reject(signal.reason), { once: true });
        setImmediate(() => stop.abort());
      });
    await runSoakLoad(
      { concurrency: 3, durationMs: longDurationMs, signal: stop.signal, ratePerSecond: undefined },
      createKindRotation(kinds),
      send,
      tally,
    );
    expect(tally.total).toBe(0);
  });

  it('stops a loop that is waiting for its paced slot', async () => {
    const stop = new AbortController();
    let sent = 0;
    // one start every 1000 s: the second loop waits for its slot until the stop wakes it
    await runSoakLoad(
      { concurrency: 2, durationMs: longDurationMs, signal: stop.signal, ratePerSecond: 0.001 },
      createKindRotation(kinds),
      async () => {
        sent += 1;
        stop.abort();
      },
      new SoakTally([]),
    );
    expect(sent).toBe(1);
  });

  it('sends nothing when already stopped', async () => {
    const stop = new AbortController();
    stop.abort();
    let sent = 0;
    await runSoakLoad(
      { concurrency: 2, durationMs: longDurationMs, signal: stop.signal, ratePerSecond: undefined },
      createKindRotation(kinds),
      async () => {
        sent += 1;
      },
      new SoakTally([]),
    );
    expect(sent).toBe(0);
  });
});

describe('createPacer', () => {
  it('spaces starts evenly over all callers at the given rate', () => {
    const pacer = createPacer(100);
    // four loops asking at the same instant get slots 10 ms apart
    expect([0, 0, 0, 0].map((now) => pacer.reserve(1000 + now))).toEqual([0, 10, 20, 30]);
    // a caller coming at 1025 ms waits for the 1040 ms slot
    expect(pacer.reserve(1025)).toBe(15);
  });

  it('does not burst to catch up after a pause', () => {
    const pacer = createPacer(10);
    expect(pacer.reserve(0)).toBe(0);
    expect(pacer.reserve(5000)).toBe(0);
    expect(pacer.reserve(5000)).toBe(100);
  });
});
