import { describe, expect, it } from 'vitest';
import { TokenStore } from './token-store.ts';

function createStore(ttlSeconds = 60) {
  const clock = { now: Date.UTC(2026, 2, 1) };
  const store = new TokenStore('00DSM0000000001EAA', ttlSeconds, () => clock.now);
  return { clock, store };
}

describe('TokenStore', () => {
  it('accepts an issued token until its exp, then reports it expired', () => {
    const { clock, store } = createStore(60);
    const { token } = store.issue(clock.now);
    expect(store.check(token)).toBe('valid');
    clock.now += 59_000;
    expect(store.check(token)).toBe('valid');
    clock.now += 1_000;
    expect(store.check(token)).toBe('expired');
  });

  it('tells a foreign JWT from something that is not a JWT', () => {
    const { clock, store } = createStore();
    const other = new TokenStore('00DOTHER00000001EAA', 60, () => clock.now).issue(clock.now).token;
    expect(store.check(other)).toBe('unknown');
    expect(store.check('not-a-jwt')).toBe('not-jwt');
  });

  it('revokes and expires every token issued so far, but not later ones', () => {
    const { clock, store } = createStore();
    const first = store.issue(clock.now).token;
    store.revokeAll();
    const second = store.issue(clock.now).token;
    store.expireAll();
    const third = store.issue(clock.now).token;
    expect(store.check(first)).toBe('revoked');
    expect(store.check(second)).toBe('expired');
    expect(store.check(third)).toBe('valid');
  });

  it('applies a new lifetime to tokens minted afterwards and restores it on reset', () => {
    const { clock, store } = createStore(1800);
    store.setTtlSeconds(5);
    expect(store.issue(clock.now).expiresAtMs).toBe(clock.now + 5_000);
    store.reset();
    expect(store.issue(clock.now).expiresAtMs).toBe(clock.now + 1_800_000);
  });
});
