/** Where generation origins are kept beyond this instance, e.g. Redis for a fleet. */
export interface SharedGenerationOrigins {
  /** Fire and forget: the answer never waits on it. */
  remember(generationId: string, org: string): void;
  /** The org another instance (or this one, earlier) recorded; undefined when none answers. */
  lookup(generationId: string): Promise<string | undefined>;
}

/** Options of the generation origins. */
export interface GenerationOriginsOptions {
  /** How many generations this instance remembers; past it the oldest are forgotten. */
  capacity?: number;
  /** Shares the origins with the rest of a fleet. */
  shared?: SharedGenerationOrigins;
}

// Ten thousand ids of about 40 characters with an org name each stay well under 2 MB.
const defaultCapacity = 10_000;

/**
 * Which org made each recent generation, so that feedback on it goes back to that org: a generation
 * id is the org's own, and another org may refuse it (or file it where nobody looks). Bounded in
 * this instance, and shared with the fleet when a shared store is given; an id nobody recorded
 * (made long ago) is unknown.
 */
export class GenerationOrigins {
  readonly #capacity: number;
  readonly #shared: SharedGenerationOrigins | undefined;
  readonly #orgById = new Map<string, string>();

  constructor(options: GenerationOriginsOptions = {}) {
    this.#capacity = options.capacity ?? defaultCapacity;
    this.#shared = options.shared;
  }

  remember(generationId: string, org: string): void {
    // re-inserted, so that a Map's insertion order is the order of last use
    this.#orgById.delete(generationId);
    this.#orgById.set(generationId, org);
    if (this.#orgById.size > this.#capacity) {
      const oldest = this.#orgById.keys().next().value;
      if (oldest !== undefined) this.#orgById.delete(oldest);
    }
    this.#shared?.remember(generationId, org);
  }

  /** The org that made the generation, when this instance or the fleet remembers it. */
  async orgOf(generationId: string): Promise<string | undefined> {
    return this.#orgById.get(generationId) ?? (await this.#shared?.lookup(generationId));
  }
}
