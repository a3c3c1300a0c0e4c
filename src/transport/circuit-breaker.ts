// Closed: every attempt allowed. Open: none until `cooldownMs` after opening. Half-open: one probe
// at a time; its success closes the breaker, its failure re-opens it for another cooldown. A probe
// that never reports back frees the slot after another cooldown, so a lost caller cannot wedge it;
// one that ends without a verdict on the upstream (it never reached it) frees the slot at once.
// Another instance that saw the same upstream fail can hold it open until a given time (openUntil).

/** When the breaker opens and how long it stays open. */
export interface CircuitBreakerOptions {
  failureThreshold: number;
  cooldownMs: number;
  now?: () => number;
}

/** The breaker's position. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/** A breaker's state for health and metrics; a set of breakers (one per model) also names the open ones. */
export interface CircuitSnapshot {
  state: CircuitState;
  consecutiveFailures: number;
  openedAt: number | null;
  /** In a set of breakers: the models whose breaker is not closed. */
  openModels?: string[];
}

/** Told when the breaker opens by itself, with the epoch ms until which it refuses calls. */
export type CircuitOpenListener = (until: number) => void;

/** Stops calls after `failureThreshold` consecutive failures until a probe succeeds. */
export class CircuitBreaker {
  readonly #options: CircuitBreakerOptions;
  readonly #now: () => number;
  readonly #onOpen: CircuitOpenListener | undefined;
  #consecutiveFailures = 0;
  #openedAt: number | null = null;
  #nextProbeAt: number | null = null;
  #probing = false;

  constructor(options: CircuitBreakerOptions, onOpen?: CircuitOpenListener) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#onOpen = onOpen;
  }

  /** The current position, derived from the clock. */
  get state(): CircuitState {
    if (this.#nextProbeAt === null) return 'closed';
    return this.#probing || this.#now() >= this.#nextProbeAt ? 'half-open' : 'open';
  }

  /** True when a call may go ahead; in half-open this claims the single probe slot. */
  canAttempt(): boolean {
    if (this.#nextProbeAt === null) return true;
    const now = this.#now();
    if (now < this.#nextProbeAt) return false;
    this.#probing = true;
    this.#nextProbeAt = now + this.#options.cooldownMs;
    return true;
  }

  /** A call succeeded: close the breaker and forget past failures. */
  recordSuccess(): void {
    this.#consecutiveFailures = 0;
    this.#openedAt = null;
    this.#nextProbeAt = null;
    this.#probing = false;
  }

  /** A call failed: open at the threshold, or re-open when a half-open probe failed. */
  recordFailure(): void {
    this.#consecutiveFailures += 1;
    if (!this.#probing && this.#consecutiveFailures < this.#options.failureThreshold) return;
    // Calls that were already under way when it opened fail too: they extend the cooldown, but
    // the listener hears of each opening once. Never shorter than a window set by openUntil.
    const wasOpen = this.state === 'open';
    const now = this.#now();
    this.#openedAt = now;
    this.#nextProbeAt = Math.max(this.#nextProbeAt ?? now, now + this.#options.cooldownMs);
    this.#probing = false;
    if (!wasOpen) this.#onOpen?.(this.#nextProbeAt);
  }

  /** Refuses every call until `until` (epoch ms), then lets a probe through as after any opening;
   * the listener is not told, since the opening was seen elsewhere. */
  openUntil(until: number): void {
    const now = this.#now();
    if (until <= now || (this.#nextProbeAt !== null && this.#nextProbeAt >= until)) return;
    this.#openedAt ??= now;
    this.#nextProbeAt = until;
    this.#probing = false;
  }

  /** A call ended without a verdict on the upstream (it never reached it, or its caller left):
   * nothing is counted, and a half-open probe slot goes to the next caller. */
  recordInconclusive(): void {
    if (!this.#probing) return;
    this.#probing = false;
    this.#nextProbeAt = this.#now();
  }

  /** Milliseconds until a call may be attempted (0 when one may go now). */
  retryAfterMs(): number {
    return this.#nextProbeAt === null ? 0 : Math.max(0, this.#nextProbeAt - this.#now());
  }

  /** A plain copy of the breaker's state for health and metrics. */
  snapshot(): CircuitSnapshot {
    return { state: this.state, consecutiveFailures: this.#consecutiveFailures, openedAt: this.#openedAt };
  }
}
