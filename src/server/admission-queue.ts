// At most `maxInFlight` model requests run at once; up to `maxQueued` more wait in arrival order,
// each for at most `queueTimeoutMs`. Beyond that the gateway says "busy, come back" (503 with
// Retry-After) at once, instead of piling up work until memory or the upstream gives way.

/** The limits of the queue. */
export interface AdmissionLimits {
  maxInFlight: number;
  maxQueued: number;
  queueTimeoutMs: number;
}

/** Why a request was not admitted. */
export type ShedReason = 'queue_full' | 'queue_timeout';

/** Thrown by acquire() when a request is shed. */
export class ShedError extends Error {
  readonly reason: ShedReason;

  constructor(reason: ShedReason) {
    super(reason === 'queue_full' ? 'admission queue is full' : 'waited too long for a slot');
    this.name = 'ShedError';
    this.reason = reason;
  }
}

interface Waiter {
  grant: () => void;
  fail: (error: Error) => void;
}

/** A counting semaphore with a bounded, time-limited queue. */
export class AdmissionQueue {
  readonly #limits: AdmissionLimits;
  readonly #waiting: Waiter[] = [];
  #running = 0;

  constructor(limits: AdmissionLimits) {
    this.#limits = limits;
  }

  /** A slot at once when one is free and nobody waits, else undefined. */
  tryAcquire(): (() => void) | undefined {
    if (this.#running >= this.#limits.maxInFlight || this.#waiting.length > 0) return undefined;
    this.#running += 1;
    return this.#releaser();
  }

  /** Resolves with a release function once a slot is held; rejects with ShedError, or the signal's reason. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    const release = this.tryAcquire();
    if (release) return Promise.resolve(release);
    if (this.#waiting.length >= this.#limits.maxQueued) return Promise.reject(new ShedError('queue_full'));
    return new Promise((resolve, reject) => {
      const leave = (error: Error) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const index = this.#waiting.indexOf(waiter);
        if (index !== -1) this.#waiting.splice(index, 1);
        reject(error);
      };
      const onAbort = () => leave(signal?.reason ?? new Error('aborted'));
      const waiter: Waiter = {
        grant: () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve(this.#releaser());
        },
        fail: leave,
      };
      const timer = setTimeout(() => leave(new ShedError('queue_timeout')), this.#limits.queueTimeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push(waiter);
    });
  }

  /** Slots held and requests waiting, for metrics and health. */
  stats(): { running: number; queued: number } {
    return { running: this.#running, queued: this.#waiting.length };
  }

  // The slot passes straight to the oldest waiter, so a newcomer can never overtake the queue.
  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      if (next) next.grant();
      else this.#running -= 1;
    };
  }
}
