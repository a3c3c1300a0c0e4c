import { describe, expect, it } from 'vitest';
import { FailedAuthenticationLimiter } from './failed-authentication-limiter.ts';

function limiterAt(limits: { limit: number; windowMs: number; maxTrackedAddresses?: number }) {
  let now = 0;
  const limiter = new FailedAuthenticationLimiter({ ...limits, now: () => now });
  return { limiter, advance: (ms: number) => (now += ms) };
}

describe('FailedAuthenticationLimiter', () => {
  it('refuses an address once its window holds the limit, for what is left of the window', () => {
    const { limiter, advance } = limiterAt({ limit: 3, windowMs: 60_000 });
    for (let failure = 0; failure < 3; failure++) {
      expect(limiter.refusal('203.0.113.7')).toBeUndefined();
      limiter.recordFailure('203.0.113.7');
    }
    advance(20_000);
    expect(limiter.refusal('203.0.113.7')).toEqual({ retryAfterSeconds: 40, firstInWindow: true });
    expect(limiter.refusal('203.0.113.7')).toEqual({ retryAfterSeconds: 40, firstInWindow: false });
    expect(limiter.refusal('203.0.113.8')).toBeUndefined();
    advance(40_000);
    expect(limiter.refusal('203.0.113.7')).toBeUndefined();
  });

  it('starts a fresh window, with a fresh first refusal, after the old one ends', () => {
    const { limiter, advance } = limiterAt({ limit: 1, windowMs: 1000 });
    limiter.recordFailure('198.51.100.1');
    expect(limiter.refusal('198.51.100.1')?.firstInWindow).toBe(true);
    advance(1000);
    limiter.recordFailure('198.51.100.1');
    expect(limiter.refusal('198.51.100.1')).toEqual({ retryAfterSeconds: 1, firstInWindow: true });
  });

  it('forgets ended windows and, past its bound, the oldest address', () => {
    const { limiter, advance } = limiterAt({ limit: 1, windowMs: 1000, maxTrackedAddresses: 3 });
    for (const address of ['a', 'b', 'c', 'd']) limiter.recordFailure(address);
    expect(limiter.trackedAddresses).toBe(3);
    expect(limiter.refusal('a')).toBeUndefined();
    expect(limiter.refusal('d')).toBeDefined();
    advance(1000);
    limiter.recordFailure('e');
    expect(limiter.trackedAddresses).toBe(1);
  });

  it('counts nothing with a limit of 0', () => {
    const { limiter } = limiterAt({ limit: 0, windowMs: 1000 });
    for (let failure = 0; failure < 100; failure++) limiter.recordFailure('a');
    expect(limiter.refusal('a')).toBeUndefined();
    expect(limiter.trackedAddresses).toBe(0);
  });
});
