// Failed authentications per client address, in fixed windows: a window starts at an address's
// first failure and lasts windowMs; once it holds `limit` failures, the address is refused until
// the window ends, whatever it sends. Windows end in the order they start, so ended ones are
// dropped from the front of the map, and the map holds at most maxTrackedAddresses windows.

/** How the limiter counts. */
export interface FailedAuthenticationLimits {
  /** Failures allowed per window; 0 turns the limiter off. */
  limit: number;
  windowMs: number;
  /** Monotonic milliseconds; default performance.now. */
  now?: () => number;
  /** Beyond this many addresses the oldest window is forgotten; default 50,000 (a few MB). */
  maxTrackedAddresses?: number;
}

/** An address refused for its failures: for how long, and whether it is the window's first refusal. */
export interface AuthenticationRefusal {
  retryAfterSeconds: number;
  firstInWindow: boolean;
}

interface FailureWindow {
  startedAt: number;
  failures: number;
  refused: boolean;
}

const defaultMaxTrackedAddresses = 50_000;

/** Counts failed authentications per client address and says when an address must be refused. */
export class FailedAuthenticationLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #maxTracked: number;
  readonly #windows = new Map<string, FailureWindow>();

  constructor(limits: FailedAuthenticationLimits) {
    this.#limit = limits.limit;
    this.#windowMs = limits.windowMs;
    this.#now = limits.now ?? (() => performance.now());
    this.#maxTracked = limits.maxTrackedAddresses ?? defaultMaxTrackedAddresses;
  }

  /** The refusal due to `address` now, or undefined when it may try a key. */
  refusal(address: string): AuthenticationRefusal | undefined {
    if (this.#limit === 0) return undefined;
    const now = this.#now();
    this.#dropEnded(now);
    const window = this.#windows.get(address);
    if (window === undefined || window.failures < this.#limit) return undefined;
    const firstInWindow = !window.refused;
    window.refused = true;
    const leftMs = window.startedAt + this.#windowMs - now;
    return { retryAfterSeconds: Math.max(1, Math.ceil(leftMs / 1000)), firstInWindow };
  }

  /** Counts one failed authentication from `address`. */
  recordFailure(address: string): void {
    if (this.#limit === 0) return;
    const now = this.#now();
    this.#dropEnded(now);
    const window = this.#windows.get(address);
    if (window !== undefined) {
      window.failures += 1;
      return;
    }
    this.#windows.set(address, { startedAt: now, failures: 1, refused: false });
    if (this.#windows.size > this.#maxTracked) {
      const oldest = this.#windows.keys().next().value;
      if (oldest !== undefined) this.#windows.delete(oldest);
    }
  }

  /** How many addresses have a window open: never more than maxTrackedAddresses. */
  get trackedAddresses(): number {
    return this.#windows.size;
  }

  #dropEnded(now: number): void {
    for (const [address, window] of this.#windows) {
      if (window.startedAt + this.#windowMs > now) return;
      this.#windows.delete(address);
    }
  }
}
