/** How crashed workers are replaced: backoff that doubles with recent crashes, and a limit. */
export interface RestartPolicyOptions {
  /** Delay before replacing the first crashed worker. */
  baseDelayMs: number;
  /** Longest delay between a crash and its replacement. */
  maxDelayMs: number;
  /** More crashes than this within windowMs is a crash loop: give up. */
  maxRestarts: number;
  windowMs: number;
  now?: () => number;
}

/** Whether (and when) to replace a worker that just crashed. */
export type RestartDecision = { restart: true; delayMs: number } | { restart: false; crashes: number };

/** Counts recent crashes across all workers and turns them into a restart decision. */
export class RestartPolicy {
  readonly #options: RestartPolicyOptions;
  readonly #now: () => number;
  #crashes: number[] = [];

  constructor(options: RestartPolicyOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** Records a crash now and decides what to do about it. */
  recordCrash(): RestartDecision {
    const now = this.#now();
    this.#crashes = this.#crashes.filter((at) => now - at < this.#options.windowMs);
    this.#crashes.push(now);
    const crashes = this.#crashes.length;
    if (crashes > this.#options.maxRestarts) return { restart: false, crashes };
    const delayMs = Math.min(this.#options.maxDelayMs, this.#options.baseDelayMs * 2 ** (crashes - 1));
    return { restart: true, delayMs };
  }
}
