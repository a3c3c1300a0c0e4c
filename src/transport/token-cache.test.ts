import { describe, expect, it, vi } from 'vitest';
import { GatewayError } from '../core/errors.ts';
import { CircuitBreaker } from './circuit-breaker.ts';
import { TokenCache, type TokenCacheEvent } from './token-cache.ts';
import type { CachedToken, TokenStore } from './token-store.ts';

const minute = 60_000;
const start = 1_700_000_000_000;

function makeToken(accessToken: string, obtainedAt: number, lifetimeMs = 30 * minute): CachedToken {
  return {
    accessToken,
    obtainedAt,
    expiresAt: obtainedAt + lifetimeMs,
    apiBaseUrl: 'https://api.salesforce.com',
    instanceUrl: 'https://example.my.salesforce.com',
  };
}

class MemoryStore implements TokenStore {
  token: CachedToken | undefined;
  loads = 0;
  saves: CachedToken[] = [];
  clears = 0;
  failSaves = false;

  async load(): Promise<CachedToken | undefined> {
    this.loads += 1;
    return this.token;
  }
  async save(token: CachedToken): Promise<void> {
    if (this.failSaves) throw new Error('disk full');
    this.saves.push(token);
    this.token = token;
  }
  async clear(): Promise<void> {
    this.clears += 1;
    this.token = undefined;
  }
}

interface Harness {
  cache: TokenCache;
  clock: { now: number };
  fetchToken: ReturnType<typeof vi.fn<() => Promise<CachedToken>>>;
  events: TokenCacheEvent[];
  breaker: CircuitBreaker;
}

function setup(fetchImplementation: () => Promise<CachedToken>, store?: TokenStore): Harness {
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
function controlledFetches(): {
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

function settled(promise: Promise<unknown>): { readonly done: boolean } {
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

const flush = () => new Promise((resolve) => setImmediate(resolve));

const credentialError = () =>
  new GatewayError('authentication', 'Salesforce rejected the client credentials.', {
    code: 'upstream_auth_failed',
  });

describe('TokenCache', () => {
  it('shares one fetch among 100 concurrent callers on an empty cache', async () => {
    const { fetch, calls } = controlledFetches();
    const { cache, fetchToken } = setup(fetch);

    const callers = Array.from({ length: 100 }, () => cache.get());
    await flush();
    expect(fetchToken).toHaveBeenCalledTimes(1);
    calls[0]?.resolve(makeToken('first', start));

    const tokens = await Promise.all(callers);
    expect(new Set(tokens.map((token) => token.accessToken))).toEqual(new Set(['first']));
    expect(cache.status()).toMatchObject({ fetches: 1, misses: 100, hits: 0, refreshing: false });
  });

  it('serves a token with ample time left from memory', async () => {
    const { cache, clock, fetchToken, events } = setup(async () => makeToken('first', start));
    await cache.get();
    clock.now += 20 * minute;
    const token = await cache.get();
    expect(token.accessToken).toBe('first');
    expect(fetchToken).toHaveBeenCalledTimes(1);
    expect(events.filter((event) => event.type === 'hit')).toHaveLength(1);
    expect(cache.status()).toMatchObject({ state: 'valid', hits: 1, misses: 1, ageMs: 20 * minute });
  });

  it('serves the old token inside the advisory window while one background refresh runs', async () => {
    const { fetch, calls } = controlledFetches();
    const { cache, clock, fetchToken } = setup(fetch);
    const first = cache.get();
    calls[0]?.resolve(makeToken('first', start));
    await first;

    clock.now = start + 27 * minute;
    expect(cache.status().state).toBe('refresh-advised');
    const served = await Promise.all([cache.get(), cache.get(), cache.get()]);
    expect(served.map((token) => token.accessToken)).toEqual(['first', 'first', 'first']);
    expect(fetchToken).toHaveBeenCalledTimes(2);
    expect(cache.status().refreshing).toBe(true);

    calls[1]?.resolve(makeToken('second', clock.now));
    await flush();
    expect((await cache.get()).accessToken).toBe('second');
    expect(fetchToken).toHaveBeenCalledTimes(2);
  });

  it('swallows a failed background refresh and waits before trying again', async () => {
    let failing = false;
    const { cache, clock, fetchToken, events } = setup(async () => {
      if (failing) throw new GatewayError('upstream_unavailable', 'token endpoint down');
      return makeToken(`token-${fetchToken.mock.calls.length}`, clock.now);
    });
    await cache.get();
    failing = true;
    clock.now = start + 26 * minute;

    expect((await cache.get()).accessToken).toBe('token-1');
    await flush();
    expect(events.map((event) => event.type)).toContain('background-refresh-failure');
    expect(cache.status().lastError).toBe('token endpoint down');

    clock.now += 4000;
    expect((await cache.get()).accessToken).toBe('token-1');
    expect(fetchToken).toHaveBeenCalledTimes(2);

    failing = false;
    clock.now += 1000;
    await cache.get();
    await flush();
    expect(fetchToken).toHaveBeenCalledTimes(3);
    expect((await cache.get()).accessToken).toBe('token-3');
    expect(cache.status().lastError).toBeNull();
  });

  it('blocks inside the mandatory window until the refresh completes', async () => {
    const { fetch, calls } = controlledFetches();
    const { cache, clock } = setup(fetch);
    const first = cache.get();
    calls[0]?.resolve(makeToken('first', start));
    await first;

    clock.now = start + 29.5 * minute;
    const pending = cache.get();
    const state = settled(pending);
    await flush();
    expect(state.done).toBe(false);
    expect(calls).toHaveLength(2);

    calls[1]?.resolve(makeToken('second', clock.now));
    expect((await pending).accessToken).toBe('second');
  });

  it('fetches anew once the token has expired, and reports the failure to the caller', async () => {
    const { fetch, calls } = controlledFetches();
    const { cache, clock } = setup(fetch);
    const first = cache.get();
    calls[0]?.resolve(makeToken('first', start));
    await first;

    clock.now = start + 31 * minute;
    expect(cache.status()).toMatchObject({ state: 'refresh-required', lifetimeUsed: 1 });
    const pending = cache.get();
    await flush();
    calls[1]?.reject(new GatewayError('upstream_unavailable', 'down'));
    await expect(pending).rejects.toThrow('down');
  });

  it('keeps windows inside a short-lived token so it is not refetched on every call', async () => {
    const { cache, clock, fetchToken } = setup(async () => makeToken('short', clock.now, 2 * minute));
    await cache.get();
    clock.now += 50_000;
    await cache.get();
    expect(fetchToken).toHaveBeenCalledTimes(1);
    expect(cache.status().state).toBe('valid');
    clock.now += 20_000;
    expect(cache.status().state).toBe('refresh-advised');
    clock.now += 21_000;
    expect(cache.status().state).toBe('refresh-required');
  });

  it('after invalidate, a fetch that started earlier is neither served nor cached', async () => {
    const { fetch, calls } = controlledFetches();
    const store = new MemoryStore();
    const { cache, fetchToken } = setup(fetch, store);

    const early = cache.get();
    await flush();
    expect(calls).toHaveLength(1);
    cache.invalidate();
    const late = cache.get();
    await flush();
    expect(fetchToken).toHaveBeenCalledTimes(2);

    calls[0]?.resolve(makeToken('stale', start));
    await flush();
    expect(cache.status().state).toBe('empty');
    expect(settled(early).done).toBe(false);

    calls[1]?.resolve(makeToken('fresh', start));
    expect((await early).accessToken).toBe('fresh');
    expect((await late).accessToken).toBe('fresh');
    expect((await cache.get()).accessToken).toBe('fresh');
    await flush();
    expect(store.saves.map((token) => token.accessToken)).toEqual(['fresh']);
  });

  it('invalidating the current token makes the next get fetch; another token is ignored', async () => {
    const { cache, fetchToken, events } = setup(async () =>
      makeToken(`token-${fetchToken.mock.calls.length}`, start),
    );
    const first = await cache.get();

    cache.invalidate('some-older-token');
    expect((await cache.get()).accessToken).toBe('token-1');
    expect(fetchToken).toHaveBeenCalledTimes(1);
    expect(events.map((event) => event.type)).not.toContain('invalidated');

    cache.invalidate(first.accessToken);
    expect(cache.status().state).toBe('empty');
    expect((await cache.get()).accessToken).toBe('token-2');

    cache.invalidate(first.accessToken);
    expect((await cache.get()).accessToken).toBe('token-2');
    expect(fetchToken).toHaveBeenCalledTimes(2);
  });

  it('reuses a stored token without fetching, reading the store only once', async () => {
    const store = new MemoryStore();
    store.token = makeToken('stored', start - 10 * minute);
    const { cache, fetchToken, events } = setup(async () => makeToken('fetched', start), store);

    const tokens = await Promise.all([cache.get(), cache.get(), cache.get()]);
    expect(tokens.map((token) => token.accessToken)).toEqual(['stored', 'stored', 'stored']);
    expect(fetchToken).not.toHaveBeenCalled();
    expect(store.loads).toBe(1);
    expect(events.filter((event) => event.type === 'loaded-from-store')).toHaveLength(1);
  });

  it('ignores a stored token inside the mandatory window and saves the fetched one', async () => {
    const store = new MemoryStore();
    store.token = makeToken('nearly-expired', start - 29.5 * minute);
    const { cache, fetchToken } = setup(async () => makeToken('fetched', start), store);

    expect((await cache.get()).accessToken).toBe('fetched');
    expect(fetchToken).toHaveBeenCalledTimes(1);
    await flush();
    expect(store.saves.map((token) => token.accessToken)).toEqual(['fetched']);
  });

  it('reports a failed save without failing the get', async () => {
    const store = new MemoryStore();
    store.failSaves = true;
    const { cache, events } = setup(async () => makeToken('fetched', start), store);

    expect((await cache.get()).accessToken).toBe('fetched');
    await flush();
    expect(events).toContainEqual({
      type: 'store-failure',
      operation: 'save',
      error: new Error('disk full'),
    });
  });

  it('clears the store when it holds the invalidated token, and only then', async () => {
    const store = new MemoryStore();
    const { cache, fetchToken } = setup(
      async () => makeToken(`token-${fetchToken.mock.calls.length}`, start),
      store,
    );
    const first = await cache.get();
    await flush();
    expect(store.token?.accessToken).toBe('token-1');

    cache.invalidate(first.accessToken);
    await flush();
    expect(store.clears).toBe(1);
    expect(store.token).toBeUndefined();

    await cache.get();
    await flush();
    store.token = makeToken('written-by-another-instance', start);
    cache.invalidate('token-2');
    await flush();
    expect(store.clears).toBe(1);
    expect(store.token.accessToken).toBe('written-by-another-instance');
  });

  it('fails fast after repeated credential failures and recovers after the cooldown', async () => {
    let accept = false;
    const { cache, clock, fetchToken, breaker } = setup(async () => {
      if (!accept) throw credentialError();
      return makeToken('recovered', clock.now);
    });

    await expect(cache.get()).rejects.toMatchObject({ kind: 'authentication' });
    await expect(cache.get()).rejects.toMatchObject({ kind: 'authentication' });
    expect(breaker.state).toBe('open');

    const fastFailure = await cache.get().catch((error: unknown) => error);
    expect(fastFailure).toBeInstanceOf(GatewayError);
    expect(fastFailure).toMatchObject({ kind: 'authentication', code: 'upstream_auth_failed' });
    expect(fetchToken).toHaveBeenCalledTimes(2);
    expect(cache.status().breaker).toMatchObject({ state: 'open', consecutiveFailures: 2 });

    accept = true;
    clock.now += 30_000;
    expect((await cache.get()).accessToken).toBe('recovered');
    expect(fetchToken).toHaveBeenCalledTimes(3);
    expect(breaker.state).toBe('closed');
  });

  it('does not trip the breaker on transient failures', async () => {
    const { cache, fetchToken, breaker } = setup(async () => {
      throw new GatewayError('upstream_unavailable', 'token endpoint 503', { status: 503 });
    });
    for (let attempt = 0; attempt < 4; attempt++) {
      await expect(cache.get()).rejects.toThrow('token endpoint 503');
    }
    expect(fetchToken).toHaveBeenCalledTimes(4);
    expect(breaker.snapshot()).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
  });

  it('counts a 400 from the token endpoint as a credential failure', async () => {
    const { cache, breaker } = setup(async () => {
      throw new GatewayError('upstream_error', 'invalid_grant', { status: 400 });
    });
    await expect(cache.get()).rejects.toThrow('invalid_grant');
    expect(breaker.snapshot().consecutiveFailures).toBe(1);
  });

  it('describes an empty cache', () => {
    const { cache } = setup(async () => makeToken('unused', start));
    expect(cache.status()).toEqual({
      state: 'empty',
      expiresAt: null,
      obtainedAt: null,
      ageMs: null,
      lifetimeUsed: null,
      fetches: 0,
      hits: 0,
      misses: 0,
      refreshing: false,
      lastError: null,
      breaker: { state: 'closed', consecutiveFailures: 0, openedAt: null },
      apiBaseUrl: null,
    });
  });
});
