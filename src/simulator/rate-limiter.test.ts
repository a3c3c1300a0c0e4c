import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.ts';

function createLimiter() {
  const clock = { now: 1_000_000 };
  const window = { limit: 2, windowMs: 60_000 };
  const limits = { generations: window, 'chat-generations': window, embeddings: window, feedback: window };
  return { clock, limiter: new RateLimiter(limits, () => clock.now) };
}

describe('RateLimiter', () => {
  it('allows the limit per window and refuses the rest until the window ends', () => {
    const { clock, limiter } = createLimiter();
    expect([1, 2, 3].map(() => limiter.tryAcquire('generations'))).toEqual([true, true, false]);
    clock.now += 59_999;
    expect(limiter.tryAcquire('generations')).toBe(false);
    clock.now += 1;
    expect(limiter.tryAcquire('generations')).toBe(true);
  });

  it('keeps a separate budget per endpoint', () => {
    const { limiter } = createLimiter();
    limiter.tryAcquire('embeddings');
    limiter.tryAcquire('embeddings');
    expect(limiter.tryAcquire('embeddings')).toBe(false);
    expect(limiter.tryAcquire('feedback')).toBe(true);
  });

  it('starts a fresh window when a limit changes, and restores start-up limits on reset', () => {
    const { limiter } = createLimiter();
    limiter.tryAcquire('feedback');
    limiter.tryAcquire('feedback');
    limiter.setLimit('feedback', { limit: 3, windowMs: 60_000 });
    expect([1, 2, 3, 4].map(() => limiter.tryAcquire('feedback'))).toEqual([true, true, true, false]);
    limiter.reset();
    expect([1, 2, 3].map(() => limiter.tryAcquire('feedback'))).toEqual([true, true, false]);
  });
});
