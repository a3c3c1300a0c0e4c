// Redis is optional shared state. While it answers, instances share through it; while it does
// not, every caller falls back to its own local state at once (no offline queue, short command
// timeout) and the client keeps reconnecting in the background, so sharing resumes by itself.
import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

// ioredis is loaded when the first connection is made: a gateway without REDIS_URL never pays its
// ~20 MiB of RSS. It is CommonJS, so a synchronous require keeps the constructor synchronous.
const require = createRequire(import.meta.url);
let redisClass: typeof Redis | undefined;
function loadRedis(): typeof Redis {
  redisClass ??= (require('ioredis') as typeof import('ioredis')).Redis;
  return redisClass;
}

/** How to reach Redis and whom to tell when it comes and goes. */
export interface SharedRedisOptions {
  url: string;
  /** Prepended to every key, so several gateways (or other apps) can share one Redis. */
  keyPrefix: string;
  logger: Logger;
  /** Called with true when Redis becomes usable, false when it is lost. */
  onAvailabilityChange?: (available: boolean) => void;
}

const commandTimeoutMs = 500;
const connectTimeoutMs = 2_000;
const longestReconnectDelayMs = 2_000;

/** One Redis connection and whether it is usable right now. */
export class SharedRedis {
  readonly client: Redis;
  readonly keyPrefix: string;
  #available = false;
  #lastError: string | null = null;

  constructor(options: SharedRedisOptions) {
    this.keyPrefix = options.keyPrefix;
    const RedisClient = loadRedis();
    this.client = new RedisClient(options.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: commandTimeoutMs,
      connectTimeout: connectTimeoutMs,
      retryStrategy: (attempt) => Math.min(100 * 2 ** Math.min(attempt, 5), longestReconnectDelayMs),
      lazyConnect: false,
    });
    const change = (available: boolean) => {
      if (available === this.#available) return;
      this.#available = available;
      if (available)
        options.logger.info('Redis connected: sharing token and rate limits with other instances');
      else
        options.logger.warn(
          'Redis unreachable: using this instance’s own token cache and rate limits until it is back',
        );
      options.onAvailabilityChange?.(available);
    };
    this.client.on('ready', () => change(true));
    this.client.on('close', () => change(false));
    // ioredis reports every failed reconnect as an error event; the availability change says it once
    this.client.on('error', (error: Error) => {
      this.#lastError = error.message;
    });
  }

  /** True while commands can be sent. */
  get available(): boolean {
    return this.#available;
  }

  /** Why the last command or connection attempt failed (never holds the password). */
  get lastError(): string | null {
    return this.#lastError;
  }

  /** Resolves once connected, or after timeoutMs either way; start-up never waits longer for Redis. */
  async waitUntilReady(timeoutMs: number): Promise<boolean> {
    if (this.#available) return true;
    return new Promise((resolve) => {
      const done = (ready: boolean) => {
        clearTimeout(timer);
        this.client.off('ready', onReady);
        resolve(ready);
      };
      const onReady = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.client.once('ready', onReady);
    });
  }

  /** The full key for a name. */
  key(name: string): string {
    return `${this.keyPrefix}${name}`;
  }

  async close(): Promise<void> {
    this.client.disconnect(false);
  }
}
