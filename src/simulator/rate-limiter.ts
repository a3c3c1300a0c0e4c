import type { ModelsEndpoint } from './endpoints.ts';
import type { RateLimit } from './simulator-settings.ts';

interface Window {
  startedAtMs: number;
  used: number;
}

/** Fixed-window request budgets, one per Models API endpoint (Salesforce limits per org and endpoint). */
export class RateLimiter {
  readonly #initialLimits: Record<ModelsEndpoint, RateLimit>;
  readonly #clock: () => number;
  #limits: Record<ModelsEndpoint, RateLimit>;
  readonly #windows = new Map<ModelsEndpoint, Window>();

  constructor(limits: Record<ModelsEndpoint, RateLimit>, clock: () => number) {
    this.#initialLimits = { ...limits };
    this.#limits = { ...limits };
    this.#clock = clock;
  }

  /** Spends one request from the endpoint's budget; false when the budget for this window is gone. */
  tryAcquire(endpoint: ModelsEndpoint): boolean {
    const now = this.#clock();
    const { limit, windowMs } = this.#limits[endpoint];
    let window = this.#windows.get(endpoint);
    if (window === undefined || now - window.startedAtMs >= windowMs) {
      window = { startedAtMs: now, used: 0 };
      this.#windows.set(endpoint, window);
    }
    if (window.used >= limit) return false;
    window.used += 1;
    return true;
  }

  /** Changes one endpoint's budget and starts a fresh window for it. */
  setLimit(endpoint: ModelsEndpoint, limit: RateLimit): void {
    this.#limits[endpoint] = { ...limit };
    this.#windows.delete(endpoint);
  }

  /** Restores the start-up budgets and forgets every window. */
  reset(): void {
    this.#limits = { ...this.#initialLimits };
    this.#windows.clear();
  }
}
