// One breaker per upstream model, so that a failing model does not stop its fallback on the same
// org. Keys are model names the clients choose, so the set is bounded: when it is full, a clean
// breaker (closed, no failures) is dropped, since a new one would behave exactly like it. When every
// breaker holds state worth keeping, new keys share one overflow breaker: dropping a failing
// breaker would let its model be hammered again, and no breaker at all would leave those models
// unguarded, so sharing (where they can trip each other) is the least bad choice.

import {
  CircuitBreaker,
  type CircuitBreakerOptions,
  type CircuitSnapshot,
  type CircuitState,
} from './circuit-breaker.ts';

/** How many keys get a breaker of their own. */
export const maxBreakersPerSet = 256;

/** The key of the breaker shared by new keys once the set is full (no model name looks like it). */
export const overflowBreakerKey = '*';

/** The breakers' options, and who is told when a key's breaker opens by itself. */
export type CircuitBreakerSetOptions = CircuitBreakerOptions & {
  /** Told when `key`'s breaker opens (not when forceOpen opens it), with the epoch ms until which it refuses. */
  onOpen?: (key: string, until: number) => void;
};

const severity: Record<CircuitState, number> = { closed: 0, 'half-open': 1, open: 2 };

/** One CircuitBreaker per key (the upstream model), created on first use, at most maxBreakersPerSet. */
export class CircuitBreakerSet {
  readonly #options: CircuitBreakerSetOptions;
  readonly #breakers = new Map<string, CircuitBreaker>();
  #overflow: CircuitBreaker | undefined;

  constructor(options: CircuitBreakerSetOptions) {
    this.#options = options;
  }

  /** The breaker of `key`, created when the key is new. */
  for(key: string): CircuitBreaker {
    if (key === overflowBreakerKey) return this.#overflowBreaker();
    const known = this.#breakers.get(key);
    if (known) return known;
    if (this.#breakers.size >= maxBreakersPerSet && !this.#dropCleanBreaker()) return this.#overflowBreaker();
    const created = this.#create(key);
    this.#breakers.set(key, created);
    return created;
  }

  /** Another instance saw `key`'s breaker open: refuse its calls until `until` (epoch ms), then probe. */
  forceOpen(key: string, until: number): void {
    this.for(key).openUntil(until);
  }

  /** The worst state over all keys: open, then half-open, then closed. */
  get state(): CircuitState {
    return this.snapshot().state;
  }

  /** All keys summed up: the worst state, the longest failure run, the earliest opening, the keys not closed. */
  snapshot(): CircuitSnapshot {
    let state: CircuitState = 'closed';
    let consecutiveFailures = 0;
    let openedAt: number | null = null;
    const openModels: string[] = [];
    for (const [key, breaker] of this.#entries()) {
      const one = breaker.snapshot();
      consecutiveFailures = Math.max(consecutiveFailures, one.consecutiveFailures);
      if (one.state === 'closed') continue;
      if (severity[one.state] > severity[state]) state = one.state;
      if (one.openedAt !== null && (openedAt === null || one.openedAt < openedAt)) openedAt = one.openedAt;
      openModels.push(key);
    }
    return { state, consecutiveFailures, openedAt, openModels: openModels.sort() };
  }

  #create(key: string): CircuitBreaker {
    const { onOpen } = this.#options;
    return new CircuitBreaker(this.#options, onOpen && ((until) => onOpen(key, until)));
  }

  #overflowBreaker(): CircuitBreaker {
    this.#overflow ??= this.#create(overflowBreakerKey);
    return this.#overflow;
  }

  // Map order is creation order, so the oldest clean breaker goes first.
  #dropCleanBreaker(): boolean {
    for (const [key, breaker] of this.#breakers) {
      if (breaker.state === 'closed' && breaker.snapshot().consecutiveFailures === 0) {
        return this.#breakers.delete(key);
      }
    }
    return false;
  }

  #entries(): Array<[string, CircuitBreaker]> {
    const entries = [...this.#breakers];
    if (this.#overflow) entries.push([overflowBreakerKey, this.#overflow]);
    return entries;
  }
}
