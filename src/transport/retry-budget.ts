// Retries multiply the load on an upstream that is already failing: with two retries per call, a
// storm of 503s triples the calls. The budget lets retries add at most `percent` of the recent
// first attempts, plus `minPerSecond` so that a quiet process still retries its rare failure.
// "Recent" is a sliding window of `windowSeconds`, kept as one pair of counters per second, so
// memory stays fixed whatever the traffic. One budget is shared by every call of the process.

/** How much retrying the budget allows. */
export interface RetryBudgetOptions {
  /** Retries allowed, as a percentage of the first attempts in the window. */
  percent: number;
  /** Retries allowed per second on top of the percentage, whatever the traffic. */
  minPerSecond: number;
  /** Length of the sliding window; default 10 s. */
  windowSeconds?: number;
  now?: () => number;
}

interface SecondCounts {
  second: number;
  firstAttempts: number;
  retries: number;
}

const defaultWindowSeconds = 10;

/** Allows a retry only while retries stay within a share of recent first attempts. */
export class RetryBudget {
  readonly #percent: number;
  readonly #minPerSecond: number;
  readonly #windowSeconds: number;
  readonly #now: () => number;
  readonly #seconds: SecondCounts[];

  constructor(options: RetryBudgetOptions) {
    this.#percent = options.percent;
    this.#minPerSecond = options.minPerSecond;
    this.#windowSeconds = options.windowSeconds ?? defaultWindowSeconds;
    this.#now = options.now ?? Date.now;
    this.#seconds = Array.from({ length: this.#windowSeconds }, () => ({
      second: Number.NEGATIVE_INFINITY,
      firstAttempts: 0,
      retries: 0,
    }));
  }

  /** Counts the first attempt of a call, which earns the budget a share of a retry. */
  recordFirstAttempt(): void {
    this.#currentSecond().firstAttempts += 1;
  }

  /** Spends one retry when the budget has one left; false means the call must not retry. */
  trySpendRetry(): boolean {
    const current = this.#currentSecond();
    let firstAttempts = 0;
    let retries = 0;
    for (const counts of this.#seconds) {
      if (current.second - counts.second >= this.#windowSeconds) continue;
      firstAttempts += counts.firstAttempts;
      retries += counts.retries;
    }
    // In hundredths, so that a percentage of a few attempts is not lost to rounding.
    const allowedHundredths = this.#percent * firstAttempts + 100 * this.#minPerSecond * this.#windowSeconds;
    if (100 * (retries + 1) > allowedHundredths) return false;
    current.retries += 1;
    return true;
  }

  #currentSecond(): SecondCounts {
    const second = Math.floor(this.#now() / 1000);
    const counts = this.#seconds[second % this.#windowSeconds] as SecondCounts;
    if (counts.second !== second) {
      counts.second = second;
      counts.firstAttempts = 0;
      counts.retries = 0;
    }
    return counts;
  }
}
