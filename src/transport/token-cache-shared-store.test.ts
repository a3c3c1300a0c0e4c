import { describe, expect, it, vi } from 'vitest';
import { CircuitBreaker } from './circuit-breaker.ts';
import { makeToken, minute, start } from './token-cache.fixtures.ts';
import { TokenCache, type TokenCacheEvent } from './token-cache.ts';
import type { CachedToken, TokenStore } from './token-store.ts';

/** One store shared by several caches, as the token file is by cluster workers, with a real mutex. */
class SharedStore implements TokenStore {
  token: CachedToken | undefined;
  #tail: Promise<unknown> = Promise.resolve();

  async load(): Promise<CachedToken | undefined> {
    return this.token;
  }
  async save(token: CachedToken): Promise<void> {
    // a slow disk: a save that outlived the lock would let the next holder fetch again
    await new Promise((resolve) => setTimeout(resolve, 5));
    this.token = token;
  }
  async clear(accessToken?: string): Promise<void> {
    if (accessToken === undefined || this.token?.accessToken === accessToken) this.token = undefined;
  }
  withLock<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(task);
    this.#tail = run.catch(() => undefined);
    return run;
  }
}

function createCache(store: TokenStore, clock: { now: number }, fetchToken: () => Promise<CachedToken>) {
  const now = () => clock.now;
  const events: TokenCacheEvent[] = [];
  const cache = new TokenCache({
    fetchToken,
    store,
    advisoryWindowMs: 5 * minute,
    mandatoryWindowMs: 1 * minute,
    breaker: new CircuitBreaker({ failureThreshold: 2, cooldownMs: 30_000, now }),
    now,
    onEvent: (event) => events.push(event),
  });
  return { cache, events };
}

describe('TokenCache with a store shared by several processes', () => {
  it('has three caches starting cold at once fetch one token between them', async () => {
    const store = new SharedStore();
    const clock = { now: start };
    const fetchToken = vi.fn(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      return makeToken(`token-${fetchToken.mock.calls.length}`, clock.now);
    });
    const workers = [1, 2, 3].map(() => createCache(store, clock, fetchToken));

    const tokens = await Promise.all(workers.flatMap(({ cache }) => [cache.get(), cache.get()]));

    expect(fetchToken).toHaveBeenCalledTimes(1);
    expect(new Set(tokens.map((token) => token.accessToken))).toEqual(new Set(['token-1']));
    expect(workers.map(({ cache }) => cache.status().fetches)).toEqual([1, 0, 0]);
    expect(workers[1]?.events.map((event) => event.type)).toContain('loaded-from-store');
  });

  it('refreshes in the advisory window even though the store still holds the same token', async () => {
    const store = new SharedStore();
    const clock = { now: start };
    let issued = 0;
    const fetchToken = vi.fn(async () => makeToken(`token-${++issued}`, clock.now));
    const { cache } = createCache(store, clock, fetchToken);
    await cache.get();

    clock.now = start + 27 * minute;
    expect((await cache.get()).accessToken).toBe('token-1');
    await vi.waitFor(() => expect(store.token?.accessToken).toBe('token-2'));
    expect((await cache.get()).accessToken).toBe('token-2');
  });

  it('adopts the refresh another process made instead of fetching again', async () => {
    const store = new SharedStore();
    const clock = { now: start };
    let issued = 0;
    const fetchToken = vi.fn(async () => makeToken(`token-${++issued}`, clock.now));
    const first = createCache(store, clock, fetchToken);
    const second = createCache(store, clock, fetchToken);
    await first.cache.get();
    await second.cache.get();

    clock.now = start + 29.5 * minute;
    await first.cache.get();
    expect((await second.cache.get()).accessToken).toBe('token-2');
    expect(fetchToken).toHaveBeenCalledTimes(2);
  });

  it('does not adopt a stored token it has just seen rejected', async () => {
    const store = new SharedStore();
    const clock = { now: start };
    let issued = 0;
    const fetchToken = vi.fn(async () => makeToken(`token-${++issued}`, clock.now));
    const { cache } = createCache(store, clock, fetchToken);
    await cache.get();
    cache.invalidate('token-1');
    await vi.waitFor(() => expect(store.token).toBeUndefined());
    // another process that has not seen the 401 yet writes the rejected token back
    store.token = makeToken('token-1', start);

    expect((await cache.get()).accessToken).toBe('token-2');
  });

  it('does not trade its token for a stored one that expires sooner', async () => {
    const store = new SharedStore();
    const clock = { now: start };
    let issued = 0;
    const fetchToken = vi.fn(async () => makeToken(`token-${++issued}`, clock.now));
    const { cache } = createCache(store, clock, fetchToken);
    await cache.get();
    store.token = makeToken('older', start - 2 * minute);

    clock.now = start + 26 * minute;
    await cache.get();
    await vi.waitFor(() => expect(fetchToken).toHaveBeenCalledTimes(2));
    await vi.waitFor(async () => expect((await cache.get()).accessToken).toBe('token-2'));
  });
});
