import { setImmediate } from 'node:timers/promises';

/** Lets long synchronous work give every other callback a turn after each slice of its time. */
export class EventLoopYielder {
  readonly #sliceMilliseconds: number;
  #sliceStarted = performance.now();

  constructor(sliceMilliseconds: number) {
    this.#sliceMilliseconds = sliceMilliseconds;
  }

  /** Settles at once while the slice lasts; after it, once the event loop has gone round. */
  async yieldWhenDue(): Promise<void> {
    if (performance.now() - this.#sliceStarted < this.#sliceMilliseconds) return;
    await setImmediate();
    this.#sliceStarted = performance.now();
  }
}
