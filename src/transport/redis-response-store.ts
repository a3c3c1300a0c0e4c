import type { ResponseStore } from '../core/response-store.ts';
import type { SharedRedis } from './shared-redis.ts';

const keyNamespace = 'response:';

/** The response cache of a fleet, in Redis: every instance reuses every instance's answers. While
 * Redis is away nothing is read or kept, and calls go to the upstream as without a cache. */
export class RedisResponseStore implements ResponseStore {
  readonly #redis: SharedRedis;
  readonly #onFailure: (operation: 'read' | 'write') => void;

  /** `onFailure` hears of each read or write Redis did not serve (e.g. for a metric). */
  constructor(redis: SharedRedis, onFailure: (operation: 'read' | 'write') => void = () => undefined) {
    this.#redis = redis;
    this.#onFailure = onFailure;
  }

  async get(key: string): Promise<string | undefined> {
    if (!this.#redis.available) return undefined;
    try {
      return (await this.#redis.client.get(this.#redis.key(`${keyNamespace}${key}`))) ?? undefined;
    } catch {
      this.#onFailure('read');
      return undefined;
    }
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    if (!this.#redis.available) return;
    try {
      await this.#redis.client.set(this.#redis.key(`${keyNamespace}${key}`), value, 'PX', ttlMs);
    } catch {
      this.#onFailure('write');
    }
  }
}
