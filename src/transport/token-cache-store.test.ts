import { describe, expect, it } from 'vitest';
import {
  controlledFetches,
  flush,
  makeToken,
  minute,
  settled,
  setup,
  start,
} from './token-cache.fixtures.ts';
import type { CachedToken, TokenStore } from './token-store.ts';

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
  async clear(accessToken?: string): Promise<void> {
    if (accessToken !== undefined && this.token?.accessToken !== accessToken) return;
    this.clears += 1;
    this.token = undefined;
  }
}

describe('TokenCache: invalidation and the token store', () => {
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
});
