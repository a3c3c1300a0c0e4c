import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharedRateLimitStore } from '../../src/server/rate-limit-store.ts';
import { FailoverTokenStore, type FallbackOperation } from '../../src/transport/failover-token-store.ts';
import { RedisTokenStore } from '../../src/transport/redis-token-store.ts';
import { SharedRedis } from '../../src/transport/shared-redis.ts';
import type { CachedToken, TokenStore } from '../../src/transport/token-store.ts';
import { startTestRedis, type TestRedis } from '../support/redis-server.ts';

let server: TestRedis;
let redis: SharedRedis;
beforeAll(async () => {
  server = await startTestRedis();
  redis = new SharedRedis({ url: server.url, keyPrefix: 'sfgw-test:', logger: pino({ level: 'silent' }) });
  expect(await redis.waitUntilReady(5_000)).toBe(true);
});
afterAll(async () => {
  await redis?.close();
  await server?.stop();
});

const token: CachedToken = {
  accessToken: 'shared-token',
  expiresAt: Date.now() + 600_000,
  obtainedAt: Date.now(),
  apiBaseUrl: 'https://api.example',
  instanceUrl: 'https://org.example',
};

class MemoryStore implements TokenStore {
  token: CachedToken | undefined;
  locked = 0;
  async load() {
    return this.token;
  }
  async save(saved: CachedToken) {
    this.token = saved;
  }
  async clear() {
    this.token = undefined;
  }
  async withLock<T>(task: () => Promise<T>) {
    this.locked += 1;
    return task();
  }
}

function count(incr: InstanceType<ReturnType<typeof createSharedRateLimitStore>>, key: string) {
  return new Promise<{ current: number; ttl: number }>((resolve, reject) =>
    incr.incr(key, (error, result) => (error ? reject(error) : resolve(result)), 60_000),
  );
}

async function waitUntil(condition: () => boolean) {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 10_000) throw new Error('condition not met within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('shared state with Redis up, down and back', () => {
  it('shares tokens and counts while Redis answers, uses local state while it does not, and resumes', async () => {
    const local = new MemoryStore();
    const fallbacks: FallbackOperation[] = [];
    const store = new FailoverTokenStore({
      shared: new RedisTokenStore(redis, 'identity'),
      local,
      redis,
      onFallback: (operation) => fallbacks.push(operation),
    });
    let rateFallbacks = 0;
    const Store = createSharedRateLimitStore(redis, () => {
      rateFallbacks += 1;
    });
    const [counterA, counterB] = [new Store(), new Store()];

    await store.save(token);
    expect(await new RedisTokenStore(redis, 'identity').load()).toEqual(token);
    expect(local.token).toEqual(token);
    expect(await store.withLock(async () => 'under the Redis lock')).toBe('under the Redis lock');
    expect(local.locked).toBe(0);
    expect((await count(counterA, 'key:n8n')).current).toBe(1);
    expect((await count(counterB, 'key:n8n')).current).toBe(2);
    expect(fallbacks).toEqual([]);

    await server.stop();
    await waitUntil(() => !redis.available);
    expect(await store.load()).toEqual(token);
    expect(await store.withLock(async () => 'under the local lock')).toBe('under the local lock');
    expect(local.locked).toBe(1);
    expect((await count(counterA, 'key:n8n')).current).toBe(1);
    expect((await count(counterA, 'key:n8n')).current).toBe(2);
    expect(fallbacks).toEqual(['token-load', 'token-lock']);
    expect(rateFallbacks).toBe(2);

    await server.start();
    await waitUntil(() => redis.available);
    expect((await count(counterA, 'key:n8n')).current).toBe(1);
    expect((await count(counterB, 'key:n8n')).current).toBe(2);
    expect(await store.withLock(async () => 'shared again')).toBe('shared again');
    expect(local.locked).toBe(1);
  });
});
