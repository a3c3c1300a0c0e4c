import { describe, expect, it } from 'vitest';
import { LocalWindowCounter } from './rate-limit-store.ts';

describe('LocalWindowCounter', () => {
  it('counts hits per key in a fixed window and starts a new window once it ends', () => {
    let now = 1_000;
    const counter = new LocalWindowCounter(() => now);
    expect(counter.increment('a', 60_000)).toEqual({ current: 1, ttl: 60_000 });
    now += 10_000;
    expect(counter.increment('a', 60_000)).toEqual({ current: 2, ttl: 50_000 });
    expect(counter.increment('b', 60_000)).toEqual({ current: 1, ttl: 60_000 });
    now += 50_000;
    expect(counter.increment('a', 60_000)).toEqual({ current: 1, ttl: 60_000 });
  });
});
