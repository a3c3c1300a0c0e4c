import { randomUUID } from 'node:crypto';
import type { SharedRedis } from './shared-redis.ts';
import { sleep } from './sleep.ts';
import { type CachedToken, readStoredToken, type TokenStore } from './token-store.ts';

/** Lock timing: how long a lock lives without its holder, and how often a waiter looks again. */
export interface RedisLockOptions {
  lockTtlMs: number;
  retryDelayMs: number;
  now?: () => number;
}

// A token request times out after 30 s; a lock that lives twice that has lost its holder.
const defaultLockOptions: RedisLockOptions = { lockTtlMs: 60_000, retryDelayMs: 25 };
// Deletes the lock only if it is still ours: a lock that expired and was taken by another
// instance must not be released by the late first holder.
const releaseScript =
  "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

const clearIfHeldScript = `
local stored = redis.call('GET', KEYS[1])
if stored and cjson.decode(stored).accessToken == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** The access token in Redis, shared by every instance with the same credentials, and a lock
 * (SET NX with expiry) so that only one of them asks Salesforce at a time. */
export class RedisTokenStore implements TokenStore {
  readonly #redis: SharedRedis;
  readonly #tokenKey: string;
  readonly #lockKey: string;
  readonly #options: RedisLockOptions;
  readonly #now: () => number;

  /** `identity` is a non-secret fingerprint of the credentials; it names the keys. */
  constructor(redis: SharedRedis, identity: string, options: Partial<RedisLockOptions> = {}) {
    this.#redis = redis;
    this.#tokenKey = redis.key(`token:${identity}`);
    this.#lockKey = redis.key(`token-lock:${identity}`);
    this.#options = { ...defaultLockOptions, ...options };
    this.#now = options.now ?? Date.now;
  }

  async load(): Promise<CachedToken | undefined> {
    const text = await this.#redis.client.get(this.#tokenKey);
    if (text === null) return undefined;
    try {
      return readStoredToken(JSON.parse(text));
    } catch {
      return undefined;
    }
  }

  /** Kept until the token expires, so Redis never hands out a dead one. */
  async save(token: CachedToken): Promise<void> {
    const lifetimeMs = Math.max(1_000, token.expiresAt - this.#now());
    await this.#redis.client.set(this.#tokenKey, JSON.stringify(token), 'PX', lifetimeMs);
  }

  /** One atomic step, so a token another instance saved between a read and a delete survives. */
  async clear(accessToken?: string): Promise<void> {
    if (accessToken === undefined) await this.#redis.client.del(this.#tokenKey);
    else await this.#redis.client.eval(clearIfHeldScript, 1, this.#tokenKey, accessToken);
  }

  /** Runs task holding the lock; waits while another instance holds it. When Redis does not
   * answer it throws before running task. */
  async withLock<T>(task: () => Promise<T>): Promise<T> {
    const nonce = randomUUID();
    await this.#acquire(nonce);
    try {
      return await task();
    } finally {
      // If Redis went away meanwhile the lock simply expires.
      await this.#redis.client.eval(releaseScript, 1, this.#lockKey, nonce).catch(() => undefined);
    }
  }

  async #acquire(nonce: string): Promise<void> {
    const { lockTtlMs, retryDelayMs } = this.#options;
    for (;;) {
      const taken = await this.#redis.client.set(this.#lockKey, nonce, 'PX', lockTtlMs, 'NX');
      if (taken === 'OK') return;
      await sleep(retryDelayMs);
    }
  }
}
