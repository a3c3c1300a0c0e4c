/** Outcomes of one request kind over a soak. */
export interface KindOutcomes {
  kind: string;
  succeeded: number;
  failed: number;
  /** Why the first failure of this kind failed. */
  firstFailure: string | undefined;
}

/** Counts successes and failures per request kind. */
export class SoakTally {
  readonly #outcomes = new Map<string, KindOutcomes>();

  /** Starts every kind at zero, so kinds that never ran still show up. */
  constructor(kinds: readonly string[]) {
    for (const kind of kinds)
      this.#outcomes.set(kind, { kind, succeeded: 0, failed: 0, firstFailure: undefined });
  }

  /** Counts one good answer. */
  succeed(kind: string): void {
    this.#of(kind).succeeded += 1;
  }

  /** Counts one failed request and keeps the reason when it is the kind's first. */
  fail(kind: string, reason: string): void {
    const outcomes = this.#of(kind);
    outcomes.failed += 1;
    outcomes.firstFailure ??= reason;
  }

  /** Every kind's outcomes, in the order the kinds were given. */
  perKind(): KindOutcomes[] {
    return [...this.#outcomes.values()].map((outcomes) => ({ ...outcomes }));
  }

  /** Requests answered or failed so far. */
  get total(): number {
    return this.succeeded + this.failed;
  }

  get succeeded(): number {
    return this.perKind().reduce((sum, outcomes) => sum + outcomes.succeeded, 0);
  }

  get failed(): number {
    return this.perKind().reduce((sum, outcomes) => sum + outcomes.failed, 0);
  }

  /** Failed requests as a share of all requests, 0..1 (0 when none were sent). */
  failureRate(): number {
    const total = this.total;
    return total === 0 ? 0 : this.failed / total;
  }

  #of(kind: string): KindOutcomes {
    let outcomes = this.#outcomes.get(kind);
    if (outcomes === undefined) {
      outcomes = { kind, succeeded: 0, failed: 0, firstFailure: undefined };
      this.#outcomes.set(kind, outcomes);
    }
    return outcomes;
  }
}
