/** How long a verdict is kept, and the clock it is kept by. */
export interface NativeRouteMemoryOptions {
  durationMs: number;
  now?: () => number;
}

// Model names come from clients (unlisted claude-* names resolve too), so the memory is bounded.
const mostModels = 1000;

/** The models the native surface could not route lately, each forgotten after `durationMs`. */
export class NativeRouteMemory {
  readonly #durationMs: number;
  readonly #now: () => number;
  readonly #forgetAt = new Map<string, number>();

  constructor(options: NativeRouteMemoryOptions) {
    this.#durationMs = options.durationMs;
    this.#now = options.now ?? Date.now;
  }

  /** Notes that the native surface could not route `model` just now. */
  rememberUnroutable(model: string): void {
    this.#forgetAt.delete(model);
    if (this.#forgetAt.size >= mostModels) {
      const oldest = this.#forgetAt.keys().next().value;
      if (oldest !== undefined) this.#forgetAt.delete(oldest);
    }
    this.#forgetAt.set(model, this.#now() + this.#durationMs);
  }

  /** True while `model` was found unroutable less than `durationMs` ago. */
  isUnroutable(model: string): boolean {
    const forgetAt = this.#forgetAt.get(model);
    if (forgetAt === undefined) return false;
    if (this.#now() < forgetAt) return true;
    this.#forgetAt.delete(model);
    return false;
  }
}
