import type { Simulator } from '../simulator/simulator.ts';
import type { MemoryReader } from './gateway-memory.ts';
import { openPausedReader, type PausedReader } from './open-paused-reader.ts';
import {
  buildChatBody,
  type ProbeOutcome,
  readModelRequests,
  readStreamsAtOnce,
  sendLightTraffic,
  sendProbe,
} from './paused-readers-traffic.ts';
import { median } from './rss-growth-verdict.ts';
import { startRssSampler } from './rss-sampler.ts';

// Measuring policy: V8 keeps the heap it grew for a burst of work long after the work is done,
// so RSS after a round is compared with RSS after a warm-up round of the same streams read by
// clients that do read them. What remains is what the paused readers themselves left behind.
// RSS after the round is read once the slots are free (or the hold limit has passed) while the
// readers still keep their connections open, after some light traffic has let the collector run.

/** The gateway a round is played against, and the simulator behind it. */
export interface PausedReadersTarget {
  url: string;
  simulator: Simulator;
  readMemory: MemoryReader;
}

/** How many readers, and how long they may hold on before the round gives up on the gateway. */
export interface PausedReadersPlan {
  readers: number;
  holdLimitMs: number;
}

/** What a round of paused readers did to the gateway. */
export interface PausedReadersRound {
  readers: number;
  /** Model requests running and queued at once, at the most. */
  mostRunning: number;
  mostQueued: number;
  /** From the readers' requests to no model request running; undefined: still held at the hold limit. */
  slotsFreedAfterMs: number | undefined;
  holdLimitMs: number;
  /** Readers whose connection the gateway had reset. */
  readersCut: number;
  /** An ordinary request sent while the readers hold their slots. */
  probeWhileHeld: ProbeOutcome;
  /** An ordinary request sent once the slots are free, or at the hold limit. */
  probeAfter: ProbeOutcome;
  rssAtStartBytes: number;
  /** After the warm-up round of reading clients. */
  rssBeforeBytes: number;
  rssPeakBytes: number;
  rssAfterBytes: number;
}

// A streamed answer is about twelve times its text in SSE frames: this one is about 5 MB per
// reader, more than the loopback socket buffers of both ends hold, so every paused reader leaves
// its answer waiting in the gateway.
const longAnswer = 'word '.repeat(80_000);
const longAnswerMarker = '#long-answer';
const readingCount = 5;
const readingGapMs = 200;
// V8's memory reducer starts a few seconds (8 by default) after the allocation rate drops; light
// traffic for longer than that lets it run before RSS is read.
const lightTrafficMs = 10_000;
const pollMs = 250;

/** Plays one round: readers that ask for long streams and never read, while the gateway is watched. */
export async function playPausedReadersRound(
  target: PausedReadersTarget,
  plan: PausedReadersPlan,
): Promise<PausedReadersRound> {
  target.simulator.setResponder((request) =>
    JSON.stringify(request.messages).includes(longAnswerMarker) ? longAnswer : 'a short answer',
  );
  const rssAtStartBytes = await readSteadyRss(target.readMemory);
  await readStreamsAtOnce(target.url, plan.readers, `a long stream ${longAnswerMarker}`);
  await sendLightTraffic(target.url, lightTrafficMs);
  const rssBeforeBytes = await readSteadyRss(target.readMemory);
  const sampler = await startRssSampler(target.readMemory, pollMs);
  const readers: PausedReader[] = [];
  try {
    for (let index = 0; index < plan.readers; index += 1) {
      const body = buildChatBody(`a long stream ${longAnswerMarker}`, true);
      readers.push(openPausedReader(target.url, { method: 'POST', path: '/v1/chat/completions', body }));
    }
    const watch = watchModelRequests(target.url, performance.now() + plan.holdLimitMs);
    await watch.filled;
    const probeWhileHeld = await sendProbe(target.url);
    const { slotsFreedAfterMs, mostRunning, mostQueued } = await watch.done;
    const probeAfter = await sendProbe(target.url);
    await sendLightTraffic(target.url, lightTrafficMs);
    const rssAfterBytes = await readSteadyRss(target.readMemory);
    const samples = await sampler.stop();
    return {
      readers: plan.readers,
      mostRunning,
      mostQueued,
      slotsFreedAfterMs,
      holdLimitMs: plan.holdLimitMs,
      readersCut: await countReadersCut(readers),
      probeWhileHeld,
      probeAfter,
      rssAtStartBytes,
      rssBeforeBytes,
      rssPeakBytes: Math.max(rssBeforeBytes, ...samples.map((sample) => sample.rssBytes)),
      rssAfterBytes,
    };
  } finally {
    for (const reader of readers) reader.destroy();
    await sampler.stop();
  }
}

// The median of a few readings, since one RSS reading may catch the collector mid-step.
async function readSteadyRss(readMemory: MemoryReader): Promise<number> {
  const readings: number[] = [];
  for (let index = 0; index < readingCount; index += 1) {
    readings.push((await readMemory()).rssBytes);
    await new Promise((resolve) => setTimeout(resolve, readingGapMs));
  }
  return median(readings);
}

/**
 * Polls /health: `filled` resolves once the model requests stop growing (no change for a second),
 * `done` once none runs any more, or at the deadline.
 */
function watchModelRequests(url: string, deadline: number) {
  let markFilled: () => void = () => undefined;
  const filled = new Promise<void>((resolve) => {
    markFilled = resolve;
  });
  const done = (async () => {
    const startedAt = performance.now();
    let mostRunning = 0;
    let mostQueued = 0;
    let lastChangeAt = startedAt;
    let isFilled = false;
    while (performance.now() < deadline) {
      const counts = await readModelRequests(url);
      if (counts !== undefined) {
        if (counts.running > mostRunning || counts.queued > mostQueued) lastChangeAt = performance.now();
        mostRunning = Math.max(mostRunning, counts.running);
        mostQueued = Math.max(mostQueued, counts.queued);
        if (!isFilled && mostRunning > 0 && performance.now() - lastChangeAt > 1000) {
          isFilled = true;
          markFilled();
        }
        if (isFilled && counts.running === 0) {
          return { slotsFreedAfterMs: performance.now() - startedAt, mostRunning, mostQueued };
        }
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
    markFilled();
    return { slotsFreedAfterMs: undefined, mostRunning, mostQueued };
  })();
  return { filled, done };
}

// A reset connection closes at once when read again; one the gateway still holds does not.
async function countReadersCut(readers: PausedReader[]): Promise<number> {
  const outcomes = await Promise.all(
    readers.map((reader) =>
      Promise.race([
        reader.resume().then((outcome) => outcome.error === 'ECONNRESET'),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2000)),
      ]),
    ),
  );
  return outcomes.filter(Boolean).length;
}
