// OAuth access-token cache. Refresh policy, by time left before the token's expiry:
//
// | Time left                         | get() does                                                    |
// |-----------------------------------|---------------------------------------------------------------|
// | no token yet (first call)         | read the store once; a stored token outside the mandatory     |
// |                                   | window is adopted, otherwise fetch and wait                   |
// | more than the advisory window     | serve the cached token (a hit)                                |
// | inside advisory, above mandatory  | serve the cached token and start one background refresh;      |
// |                                   | its failure is reported, never thrown, and retried no sooner  |
// |                                   | than `backgroundRetryDelayMs` later                           |
// | inside the mandatory window / gone| wait for a refresh (a miss)                                   |
//
// - Windows never cover more of a token's lifetime than advisory 1/2 and mandatory 1/4, so a
//   short-lived token is served for most of its life instead of being refetched on every call.
// - One fetch at a time, shared by every waiting caller.
// - invalidate() (after a 401) drops the token and bumps a generation counter. A fetch started
//   before it is superseded: its outcome is neither cached nor saved nor handed out; its waiters
//   are answered by a fetch of the current generation instead (joined, or started if none runs).
// - Credential failures (authentication kind, `upstream_auth_failed`, 400/401) feed the circuit
//   breaker; while it is open get() fails fast with the last credential error. Transient errors
//   (5xx, network) do not count.
// - A store shared by several processes (cluster workers, instances) may offer a lock: a fetch
//   then runs under it, first adopting a token another process saved meanwhile (one that outlives
//   ours, was not just rejected and is not due for refresh), and saving its own before releasing.
// - No timers: background back-off is bookkeeping by timestamps.
import { GatewayError } from '../core/errors.ts';
import type { CircuitBreaker } from './circuit-breaker.ts';
import { lifetimeUsed, tokenPhase } from './token-phase.ts';
import type { TokenStatus } from './token-status.ts';
import type { CachedToken, TokenStore } from './token-store.ts';

/** What the cache reports for logs and metrics; `fetch-success` carries the secret token, never log it whole. */
export type TokenCacheEvent =
  | { type: 'hit' }
  | { type: 'fetch-start' }
  | { type: 'fetch-success'; token: CachedToken }
  | { type: 'fetch-failure'; error: Error }
  | { type: 'background-refresh-failure'; error: Error }
  | { type: 'loaded-from-store' }
  | { type: 'store-failure'; operation: 'load' | 'save' | 'clear'; error: Error }
  | { type: 'invalidated' };

/** How the cache obtains, keeps and refreshes tokens. */
export interface TokenCacheOptions {
  fetchToken: () => Promise<CachedToken>;
  store?: TokenStore;
  /** Inside this much time before expiry: serve cached, refresh in the background. */
  advisoryWindowMs: number;
  /** Inside this much time before expiry (or expired): block on a refresh. */
  mandatoryWindowMs: number;
  /** Least time between failed background refreshes; default 5 s. */
  backgroundRetryDelayMs?: number;
  breaker: CircuitBreaker;
  now?: () => number;
  onEvent?: (event: TokenCacheEvent) => void;
}

interface Flight {
  generation: number;
  promise: Promise<CachedToken>;
}

const defaultBackgroundRetryDelayMs = 5000;

/** Hands out a valid access token, fetching it at most once at a time. */
export class TokenCache {
  readonly #options: TokenCacheOptions;
  readonly #now: () => number;
  #token: CachedToken | undefined;
  #generation = 0;
  #flight: Flight | undefined;
  #storeRead: Promise<void> | undefined;
  #storeQueue: Promise<void> = Promise.resolve();
  #backgroundAllowedAt = 0;
  #lastCredentialError: GatewayError | undefined;
  #lastError: string | null = null;
  #rejectedAccessToken: string | undefined;
  #fetches = 0;
  #hits = 0;
  #misses = 0;

  constructor(options: TokenCacheOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** A token that is not inside the mandatory window, from memory when possible. */
  async get(): Promise<CachedToken> {
    if (this.#options.store !== undefined) {
      this.#storeRead ??= this.#readStore(this.#options.store);
      await this.#storeRead;
    }
    const token = this.#token;
    const now = this.#now();
    const phase = token === undefined ? 'refresh-required' : tokenPhase(token, now, this.#options);
    if (token !== undefined && phase !== 'refresh-required') {
      this.#hits += 1;
      this.#emit({ type: 'hit' });
      if (phase === 'refresh-advised') this.#refreshInBackground(now);
      return token;
    }
    this.#misses += 1;
    return this.#fetchCurrent();
  }

  /** Forgets the token after the upstream rejected it; a token other than the current one is ignored. */
  invalidate(rejectedAccessToken?: string): void {
    if (rejectedAccessToken !== undefined && this.#token?.accessToken !== rejectedAccessToken) return;
    const dropped = rejectedAccessToken ?? this.#token?.accessToken;
    this.#rejectedAccessToken = dropped;
    this.#token = undefined;
    this.#generation += 1;
    this.#flight = undefined;
    this.#backgroundAllowedAt = 0;
    // Nothing in the store is worth reading any more once the caller says it is all bad.
    if (rejectedAccessToken === undefined) this.#storeRead ??= Promise.resolve();
    this.#emit({ type: 'invalidated' });
    this.#clearStore(dropped);
  }

  /** A snapshot for /health and metrics. */
  status(): TokenStatus {
    const token = this.#token;
    const now = this.#now();
    return {
      state: token === undefined ? 'empty' : tokenPhase(token, now, this.#options),
      expiresAt: token?.expiresAt ?? null,
      obtainedAt: token?.obtainedAt ?? null,
      ageMs: token === undefined ? null : now - token.obtainedAt,
      lifetimeUsed: token === undefined ? null : lifetimeUsed(token, now),
      fetches: this.#fetches,
      hits: this.#hits,
      misses: this.#misses,
      refreshing: this.#flight !== undefined,
      lastError: this.#lastError,
      breaker: this.#options.breaker.snapshot(),
      apiBaseUrl: token?.apiBaseUrl ?? null,
    };
  }

  async #fetchCurrent(): Promise<CachedToken> {
    for (;;) {
      const flight = this.#flight ?? this.#startFetch();
      try {
        const token = await flight.promise;
        if (flight.generation === this.#generation) return token;
      } catch (error) {
        if (flight.generation === this.#generation) throw error;
      }
    }
  }

  #refreshInBackground(now: number): void {
    if (this.#flight !== undefined || now < this.#backgroundAllowedAt) return;
    if (!this.#options.breaker.canAttempt()) return;
    this.#startFetch(true).promise.catch((error: unknown) => {
      this.#backgroundAllowedAt =
        this.#now() + (this.#options.backgroundRetryDelayMs ?? defaultBackgroundRetryDelayMs);
      this.#emit({ type: 'background-refresh-failure', error: asError(error) });
    });
  }

  #startFetch(breakerChecked = false): Flight {
    if (!breakerChecked && !this.#options.breaker.canAttempt()) throw this.#breakerError();
    const generation = this.#generation;
    const flight: Flight = { generation, promise: this.#runFetch(generation) };
    this.#flight = flight;
    const release = () => {
      if (this.#flight === flight) this.#flight = undefined;
    };
    flight.promise.then(release, release);
    return flight;
  }

  async #runFetch(generation: number): Promise<CachedToken> {
    const { store } = this.#options;
    if (store?.withLock === undefined) return this.#fetchAndKeep(generation);
    return store.withLock(async () => {
      const adopted = await this.#adoptFromStore(store, generation);
      if (adopted !== undefined) return adopted;
      const token = await this.#fetchAndKeep(generation);
      // Saved before the lock is released, so the next process to take it finds this token.
      await this.#storeQueue;
      return token;
    });
  }

  async #adoptFromStore(store: TokenStore, generation: number): Promise<CachedToken | undefined> {
    let stored: CachedToken | undefined;
    try {
      stored = await store.load();
    } catch (error) {
      this.#emit({ type: 'store-failure', operation: 'load', error: asError(error) });
      return undefined;
    }
    if (stored === undefined || stored.accessToken === this.#rejectedAccessToken) return undefined;
    if (this.#token !== undefined && stored.expiresAt <= this.#token.expiresAt) return undefined;
    if (tokenPhase(stored, this.#now(), this.#options) === 'refresh-required') return undefined;
    if (generation === this.#generation) this.#token = stored;
    this.#emit({ type: 'loaded-from-store' });
    return stored;
  }

  async #fetchAndKeep(generation: number): Promise<CachedToken> {
    const { breaker, fetchToken } = this.#options;
    this.#fetches += 1;
    this.#emit({ type: 'fetch-start' });
    try {
      const token = await fetchToken();
      breaker.recordSuccess();
      this.#lastError = null;
      this.#lastCredentialError = undefined;
      this.#emit({ type: 'fetch-success', token });
      if (generation === this.#generation) {
        this.#token = token;
        this.#saveToStore(token);
      }
      return token;
    } catch (error) {
      if (isCredentialFailure(error)) {
        breaker.recordFailure();
        this.#lastCredentialError = error;
      }
      this.#lastError = asError(error).message;
      this.#emit({ type: 'fetch-failure', error: asError(error) });
      throw error;
    }
  }

  #breakerError(): GatewayError {
    if (this.#lastCredentialError !== undefined) return this.#lastCredentialError;
    const retryAfterSeconds = Math.ceil(this.#options.breaker.retryAfterMs() / 1000);
    return new GatewayError(
      'upstream_unavailable',
      'Salesforce authentication is paused after repeated failures.',
      { retryAfterSeconds, code: 'auth_circuit_open' },
    );
  }

  async #readStore(store: TokenStore): Promise<void> {
    const generation = this.#generation;
    let stored: CachedToken | undefined;
    try {
      stored = await store.load();
    } catch (error) {
      this.#emit({ type: 'store-failure', operation: 'load', error: asError(error) });
      return;
    }
    if (stored === undefined || this.#token !== undefined || generation !== this.#generation) return;
    if (tokenPhase(stored, this.#now(), this.#options) === 'refresh-required') return;
    this.#token = stored;
    this.#emit({ type: 'loaded-from-store' });
  }

  #saveToStore(token: CachedToken): void {
    const { store } = this.#options;
    if (store === undefined) return;
    this.#enqueueStore('save', () => store.save(token));
  }

  #clearStore(accessToken: string | undefined): void {
    const { store } = this.#options;
    if (store === undefined) return;
    this.#enqueueStore('clear', () => store.clear(accessToken));
  }

  // Store writes run one after another so a late clear cannot delete a newer save.
  #enqueueStore(operation: 'save' | 'clear', task: () => Promise<void>): void {
    this.#storeQueue = this.#storeQueue.then(task).catch((error: unknown) => {
      this.#emit({ type: 'store-failure', operation, error: asError(error) });
    });
  }

  #emit(event: TokenCacheEvent): void {
    this.#options.onEvent?.(event);
  }
}

function isCredentialFailure(error: unknown): error is GatewayError {
  if (!(error instanceof GatewayError)) return false;
  return (
    error.kind === 'authentication' ||
    error.code === 'upstream_auth_failed' ||
    error.status === 400 ||
    error.status === 401
  );
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
