import type { SharedGenerationOrigins } from '../providers/org-pool/generation-origins.ts';
import type { SharedRedis } from './shared-redis.ts';

const keyNamespace = 'generation-org:';
// Feedback comes soon after the answer, if at all: an hour covers it, and keeps Redis to about
// 100 bytes per generation of the last hour (60 MB at 10,000 generations a minute).
const lifetimeMs = 60 * 60 * 1000;

/** The org behind each generation id, in Redis for the whole fleet; while Redis is away nothing is kept or found. */
export class RedisGenerationOrigins implements SharedGenerationOrigins {
  readonly #redis: SharedRedis;
  readonly #orgNames: ReadonlySet<string>;

  /** Only `orgNames` are ever returned: what comes out of Redis is not trusted. */
  constructor(redis: SharedRedis, orgNames: readonly string[]) {
    this.#redis = redis;
    this.#orgNames = new Set(orgNames);
  }

  remember(generationId: string, org: string): void {
    if (!this.#redis.available) return;
    this.#redis.client.set(this.#keyOf(generationId), org, 'PX', lifetimeMs).catch(() => undefined);
  }

  async lookup(generationId: string): Promise<string | undefined> {
    if (!this.#redis.available) return undefined;
    try {
      const org = await this.#redis.client.get(this.#keyOf(generationId));
      return org !== null && this.#orgNames.has(org) ? org : undefined;
    } catch {
      return undefined;
    }
  }

  #keyOf(generationId: string): string {
    return this.#redis.key(`${keyNamespace}${encodeURIComponent(generationId)}`);
  }
}
