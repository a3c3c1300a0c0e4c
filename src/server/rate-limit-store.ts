import type { SharedRedis } from '../transport/shared-redis.ts';

/** What @fastify/rate-limit expects of a store: count one hit and say how long the window has left. */
type IncrementCallback = (error: Error | null, result: { current: number; ttl: number }) => void;

interface Window {
  count: number;
  endsAt: number;
}

// One fixed window per key: the first hit creates it with the window's lifetime.
const incrementScript = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}`;

/** Fixed-window counters kept in this process, for when there is no Redis or it is away. */
export class LocalWindowCounter {
  readonly #windows = new Map<string, Window>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  increment(key: string, windowMs: number): { current: number; ttl: number } {
    const now = this.#now();
    let window = this.#windows.get(key);
    if (window === undefined || window.endsAt <= now) {
      if (window === undefined) this.#dropEnded(now);
      window = { count: 0, endsAt: now + windowMs };
      this.#windows.set(key, window);
    }
    window.count += 1;
    return { current: window.count, ttl: window.endsAt - now };
  }

  // Keys are API key names, so few; dropping ended windows when a new key appears keeps it so.
  #dropEnded(now: number): void {
    for (const [key, window] of this.#windows) if (window.endsAt <= now) this.#windows.delete(key);
  }
}

/**
 * A store class for @fastify/rate-limit that counts in Redis, so a per-key limit holds across
 * every instance, and in this process while Redis is away (the limit then holds per instance).
 */
export function createSharedRateLimitStore(redis: SharedRedis, onFallback: () => void) {
  const local = new LocalWindowCounter();
  return class SharedRateLimitStore {
    incr(key: string, callback: IncrementCallback, timeWindow: number): void {
      const countLocally = () => callback(null, local.increment(key, timeWindow));
      if (!redis.available) {
        onFallback();
        countLocally();
        return;
      }
      redis.client.eval(incrementScript, 1, redis.key(`rate:${key}`), timeWindow).then(
        (result) => {
          const [current, ttl] = result as [number, number];
          callback(null, { current, ttl });
        },
        () => {
          onFallback();
          countLocally();
        },
      );
    }

    child(): SharedRateLimitStore {
      return this;
    }
  };
}
