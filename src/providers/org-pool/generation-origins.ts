/** Options of the generation origins. */
export interface GenerationOriginsOptions {
  /** How many generations are remembered; past it the oldest are forgotten. */
  capacity?: number;
}

// Ten thousand ids of about 40 characters with an org name each stay well under 2 MB.
const defaultCapacity = 10_000;

/**
 * Which org made each recent generation, so that feedback on it goes back to that org: a generation
 * id is the org's own, and another org may refuse it (or file it where nobody looks). Bounded, and
 * per instance: an id this instance did not see (made elsewhere in a fleet, or long ago) is unknown.
 */
export class GenerationOrigins {
  readonly #capacity: number;
  readonly #orgById = new Map<string, string>();

  constructor(options: GenerationOriginsOptions = {}) {
    this.#capacity = options.capacity ?? defaultCapacity;
  }

  remember(generationId: string, org: string): void {
    // re-inserted, so that a Map's insertion order is the order of last use
    this.#orgById.delete(generationId);
    this.#orgById.set(generationId, org);
    if (this.#orgById.size > this.#capacity) {
      const oldest = this.#orgById.keys().next().value;
      if (oldest !== undefined) this.#orgById.delete(oldest);
    }
  }

  /** The org that made the generation, when this instance remembers it. */
  orgOf(generationId: string): string | undefined {
    return this.#orgById.get(generationId);
  }
}
