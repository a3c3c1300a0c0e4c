import { performance } from 'node:perf_hooks';
import type { MemoryReader, MemoryReading } from './gateway-memory.ts';

/** One memory reading and when it was taken, counted from the sampler's start. */
export interface MemorySample extends MemoryReading {
  elapsedMs: number;
}

/** A running sampler. */
export interface RssSampler {
  /** The samples so far, oldest first. */
  readonly samples: readonly MemorySample[];
  /** Readings that failed (the gateway too busy or gone). */
  readonly missed: number;
  /** Takes one last sample, stops and returns every sample. */
  stop(): Promise<MemorySample[]>;
}

/** Reads memory now and then every `intervalMs`; a reading still running when the next is due is not doubled. */
export async function startRssSampler(read: MemoryReader, intervalMs: number): Promise<RssSampler> {
  const startedAt = performance.now();
  const samples: MemorySample[] = [];
  let missed = 0;
  let reading: Promise<void> | undefined;
  const sample = () => {
    reading ??= read()
      .then((memory) => {
        samples.push({ ...memory, elapsedMs: performance.now() - startedAt });
      })
      .catch(() => {
        missed += 1;
      })
      .finally(() => {
        reading = undefined;
      });
    return reading;
  };
  await sample();
  const timer = setInterval(sample, intervalMs);
  return {
    samples,
    get missed() {
      return missed;
    },
    async stop() {
      clearInterval(timer);
      await reading;
      await sample();
      return samples;
    },
  };
}
