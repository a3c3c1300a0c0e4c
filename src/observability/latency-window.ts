/** Nearest-rank percentiles of a window's samples; null while the window is empty. */
export interface LatencySummary {
  samples: number;
  p50: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
}

/** The most recent samples in a fixed-size ring: memory stays constant however long it runs. */
export class LatencyWindow {
  readonly #samples: Float64Array;
  #next = 0;
  #size = 0;

  constructor(capacity: number) {
    this.#samples = new Float64Array(capacity);
  }

  /** Adds a sample, overwriting the oldest once the window is full. */
  record(value: number): void {
    this.#samples[this.#next] = value;
    this.#next = (this.#next + 1) % this.#samples.length;
    if (this.#size < this.#samples.length) this.#size += 1;
  }

  /** p50, p90, p95 and p99 of the samples now in the window. */
  summarize(): LatencySummary {
    const sorted = this.#samples.slice(0, this.#size).sort();
    const rank = (percent: number) =>
      sorted.length === 0 ? null : (sorted[Math.ceil((percent / 100) * sorted.length) - 1] ?? null);
    return { samples: sorted.length, p50: rank(50), p90: rank(90), p95: rank(95), p99: rank(99) };
  }
}
