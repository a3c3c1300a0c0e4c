import { vi } from 'vitest';
import { CircuitBreaker } from './circuit-breaker.ts';
import { TokenCache, type TokenCacheEvent } from './token-cache.ts';
import type { CachedToken, TokenStore } from './token-store.ts';

/** One minute in milliseconds. */
export const minute = 60_000;
/** The fake clock's starting time. */
export const start = 1_700_000_000_000;

/** A token obtained at obtainedAt that lives lifetimeMs (30 minutes unless told). */
export function makeToken(accessToken: string, obtainedAt: number, lifetimeMs = 30 * minute): CachedToken {
  return {
    accessToken,
    obtainedAt,
    expiresAt: obtainedAt + lifetimeMs,
    apiBaseUrl: 'https://api.salesforce.com',
    instanceUrl: 'https://example.my.salesforce.com',
  };
}

/** A cache wired to a fake clock, a spied fetchToken, a recorded event list and its breaker. */
export interface Harness {
  cache: TokenCache;
  clock: { now: number };
  fetchToken: ReturnType<typeof vi.fn<() => Promise<CachedToken>>>;
  events: TokenCacheEvent[];
  breaker: CircuitBreaker;
}

/** Builds a cache with a 5-minute advisory and 1-minute mandatory window and a 2-failure breaker. */
export function setup(fetchImplementation: () => Promise<CachedToken>, store?: TokenStore): Harness {
  const clock = { now: start };
  const now = () => clock.now;
  const fetchToken = vi.fn(fetchImplementation);
  const events: TokenCacheEvent[] = [];
  const breaker = new CircuitBreaker({ failureThreshold: 2, cooldownMs: 30_000, now });
  const cache = new TokenCache({
    fetchToken,
    store,
    advisoryWindowMs: 5 * minute,
    mandatoryWindowMs: 1 * minute,
    breaker,
    now,
    onEvent: (event) => events.push(event),
  });
  return { cache, clock, fetchToken, events, breaker };
}

/** A fetchToken whose calls are settled by the test, in order. */
export function controlledFetches(): {
  fetch: () => Promise<CachedToken>;
  calls: PromiseWithResolvers<CachedToken>[];
} {
  const calls: PromiseWithResolvers<CachedToken>[] = [];
  return {
    calls,
    fetch: () => {
      const call = Promise.withResolvers<CachedToken>();
      calls.push(call);
      return call.promise;
    },
  };
}

/** Tracks whether a promise has settled, without awaiting it. */
export function settled(promise: Promise<unknown>): { readonly done: boolean } {
  const state = { done: false };
  promise.then(
    () => {
      state.done = true;
    },
    () => {
      state.done = true;
    },
  );
  return state;
}

/** Lets pending promise callbacks and setImmediate work run. */
export const flush = () => new Promise((resolve) => setImmediate(resolve));
