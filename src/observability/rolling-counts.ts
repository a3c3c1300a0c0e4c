/** Counts of requests and failures in one-second buckets over the last minute. */
export class RollingCounts {
  readonly #requests: Uint32Array;
  readonly #errors: Uint32Array;
  // The second each bucket holds; a bucket from an older lap of the ring counts as empty.
  readonly #seconds: Float64Array;

  constructor(windowSeconds = 60) {
    this.#requests = new Uint32Array(windowSeconds);
    this.#errors = new Uint32Array(windowSeconds);
    this.#seconds = new Float64Array(windowSeconds).fill(-1);
  }

  /** Counts one request that finished at `nowMs`, failed or not. */
  record(nowMs: number, failed: boolean): void {
    const second = Math.floor(nowMs / 1000);
    const index = second % this.#seconds.length;
    if (this.#seconds[index] !== second) {
      this.#seconds[index] = second;
      this.#requests[index] = 0;
      this.#errors[index] = 0;
    }
    this.#requests[index] = (this.#requests[index] ?? 0) + 1;
    if (failed) this.#errors[index] = (this.#errors[index] ?? 0) + 1;
  }

  /** Requests and failures of the last `seconds` seconds, the current one included. */
  sum(nowMs: number, seconds: number): { requests: number; errors: number } {
    const current = Math.floor(nowMs / 1000);
    let requests = 0;
    let errors = 0;
    for (let index = 0; index < this.#seconds.length; index++) {
      const second = this.#seconds[index] ?? -1;
      if (second > current - seconds && second <= current) {
        requests += this.#requests[index] ?? 0;
        errors += this.#errors[index] ?? 0;
      }
    }
    return { requests, errors };
  }
}
