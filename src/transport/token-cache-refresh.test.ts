import { describe, expect, it } from 'vitest';
import { GatewayError } from '../core/errors.ts';
import {
  controlledFetches,
  flush,
  makeToken,
  minute,
  settled,
  setup,
  start,
} from './token-cache.fixtures.ts';

describe('TokenCache: sharing fetches and refreshing inside the windows', () => {
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
