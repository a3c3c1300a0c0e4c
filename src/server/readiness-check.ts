import { toGatewayError } from '../core/errors.ts';

/** Whether the gateway can serve, and if not, why (safe to show: never a secret). */
export type Readiness = { ready: true } | { ready: false; reason: string };

/** How readiness is decided. */
export interface ReadinessCheckOptions {
  /** Resolves once a token can be had, e.g. tokens.get(). */
  getToken: () => Promise<unknown>;
  /** A token request slower than this answers "not ready" for now; it keeps running. */
  timeoutMs: number;
  /** How long a settled outcome is reused, so frequent probes do not reach the token endpoint. */
  cacheMs: number;
  now?: () => number;
}

/** Proves a token can be had, at most once per cacheMs, with one check in flight at a time. */
export class ReadinessCheck {
  readonly #options: ReadinessCheckOptions;
  readonly #now: () => number;
  #cached: { readiness: Readiness; settledAt: number } | undefined;
  #inFlight: Promise<Readiness> | undefined;

  constructor(options: ReadinessCheckOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** The cached outcome while fresh, else the outcome of a token request bounded by timeoutMs. */
  async check(): Promise<Readiness> {
    const cached = this.#cached;
    if (cached !== undefined && this.#now() - cached.settledAt < this.#options.cacheMs)
      return cached.readiness;
    this.#inFlight ??= this.#probe();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<Readiness>((resolve) => {
      timer = setTimeout(
        () =>
          resolve({
            ready: false,
            reason: `No Salesforce token yet: the token request has taken over ${this.#options.timeoutMs} ms.`,
          }),
        this.#options.timeoutMs,
      );
    });
    try {
      return await Promise.race([this.#inFlight, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  async #probe(): Promise<Readiness> {
    let readiness: Readiness;
    try {
      await this.#options.getToken();
      readiness = { ready: true };
    } catch (error) {
      readiness = { ready: false, reason: toGatewayError(error).message };
    }
    this.#cached = { readiness, settledAt: this.#now() };
    this.#inFlight = undefined;
    return readiness;
  }
}
