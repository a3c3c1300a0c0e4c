import type { SharedRedis } from './shared-redis.ts';
import type { CachedToken, TokenStore } from './token-store.ts';

/** Which shared-store operation fell back to local state. */
export type FallbackOperation = 'token-load' | 'token-save' | 'token-clear' | 'token-lock';

/** A store that is usable only while Redis answers, and that can say so. */
export interface SharedTokenStore extends TokenStore {
  withLock<T>(task: () => Promise<T>): Promise<T>;
}

/**
 * The shared (Redis) token store while Redis answers, this instance's own store (the token file,
 * or nothing) whenever it does not. Saves go to both, so a restart without Redis still finds the
 * token; a token found only locally is used when Redis has none.
 */
export class FailoverTokenStore implements TokenStore {
  readonly #shared: SharedTokenStore;
  readonly #local: TokenStore | undefined;
  readonly #redis: SharedRedis;
  readonly #onFallback: (operation: FallbackOperation) => void;

  constructor(options: {
    shared: SharedTokenStore;
    local: TokenStore | undefined;
    redis: SharedRedis;
    onFallback: (operation: FallbackOperation) => void;
  }) {
    this.#shared = options.shared;
    this.#local = options.local;
    this.#redis = options.redis;
    this.#onFallback = options.onFallback;
  }

  async load(): Promise<CachedToken | undefined> {
    const shared = await this.#tryShared('token-load', () => this.#shared.load());
    return shared ?? this.#local?.load();
  }

  async save(token: CachedToken): Promise<void> {
    await Promise.all([
      this.#tryShared('token-save', () => this.#shared.save(token)),
      this.#local?.save(token),
    ]);
  }

  async clear(accessToken?: string): Promise<void> {
    await Promise.all([
      this.#tryShared('token-clear', () => this.#shared.clear(accessToken)),
      this.#local?.clear(accessToken),
    ]);
  }

  /** The fleet-wide lock while Redis answers; otherwise the local one (or none). */
  async withLock<T>(task: () => Promise<T>): Promise<T> {
    if (this.#redis.available) {
      let lockTaken = false;
      try {
        return await this.#shared.withLock(() => {
          lockTaken = true;
          return task();
        });
      } catch (error) {
        if (lockTaken) throw error;
        this.#onFallback('token-lock');
      }
    } else {
      this.#onFallback('token-lock');
    }
    return this.#local?.withLock ? this.#local.withLock(task) : task();
  }

  async #tryShared<T>(operation: FallbackOperation, run: () => Promise<T>): Promise<T | undefined> {
    if (!this.#redis.available) {
      this.#onFallback(operation);
      return undefined;
    }
    try {
      return await run();
    } catch {
      this.#onFallback(operation);
      return undefined;
    }
  }
}
