import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisTokenStore } from '../../src/transport/redis-token-store.ts';
import { SharedRedis } from '../../src/transport/shared-redis.ts';
import type { CachedToken } from '../../src/transport/token-store.ts';
import { sharedRedisUrl } from '../support/shared-redis-url.ts';

let server: Awaited<ReturnType<typeof sharedRedisUrl>>;
let redis: SharedRedis;
beforeAll(async () => {
  server = await sharedRedisUrl();
  redis = new SharedRedis({
    url: server.url,
    keyPrefix: `sfgw-test-${process.pid}-${Date.now()}:`,
    logger: pino({ level: 'silent' }),
  });
  expect(await redis.waitUntilReady(5_000)).toBe(true);
});
afterAll(async () => {
  await redis?.close();
  await server?.close();
});

function token(accessToken: string, lifetimeMs = 60_000): CachedToken {
  const now = Date.now();
  return {
    accessToken,
    expiresAt: now + lifetimeMs,
    obtainedAt: now,
    apiBaseUrl: 'https://api.example',
    instanceUrl: 'https://org.example',
  };
}

describe('RedisTokenStore', () => {
  it('keeps a token until its expiry, per credentials identity', async () => {
    const store = new RedisTokenStore(redis, 'identity-a');
    await store.save(token('token-a', 5_000));
    expect((await store.load())?.accessToken).toBe('token-a');
    expect(await new RedisTokenStore(redis, 'identity-b').load()).toBeUndefined();
    const ttl = await redis.client.pttl(redis.key('token:identity-a'));
    expect(ttl).toBeGreaterThan(3_000);
    expect(ttl).toBeLessThanOrEqual(5_000);
  });

  it('clears only the named token, so a newer one another instance saved survives', async () => {
    const store = new RedisTokenStore(redis, 'identity-clear');
    await store.save(token('newer'));
    await store.clear('older');
    expect((await store.load())?.accessToken).toBe('newer');
    await store.clear('newer');
    expect(await store.load()).toBeUndefined();
  });

  it('ignores a stored value that is not a token', async () => {
    await redis.client.set(redis.key('token:identity-junk'), '{"accessToken":42}');
    expect(await new RedisTokenStore(redis, 'identity-junk').load()).toBeUndefined();
  });

  it('lets one holder at a time run under the lock, and releases it when the task fails', async () => {
    const first = new RedisTokenStore(redis, 'identity-lock', { retryDelayMs: 5 });
    const second = new RedisTokenStore(redis, 'identity-lock', { retryDelayMs: 5 });
    let inside = 0;
    let most = 0;
    const task = async () => {
      inside += 1;
      most = Math.max(most, inside);
      await new Promise((resolve) => setTimeout(resolve, 30));
      inside -= 1;
    };
    await Promise.all([first.withLock(task), second.withLock(task), first.withLock(task)]);
    expect(most).toBe(1);
    await expect(
      first.withLock(async () => Promise.reject(new Error('token endpoint down'))),
    ).rejects.toThrow('token endpoint down');
    expect(await redis.client.exists(redis.key('token-lock:identity-lock'))).toBe(0);
  });

  it('outlives a holder that died: its lock expires', async () => {
    await redis.client.set(redis.key('token-lock:identity-dead'), 'someone-gone', 'PX', 150);
    const store = new RedisTokenStore(redis, 'identity-dead', { retryDelayMs: 10 });
    const startedAt = Date.now();
    expect(await store.withLock(async () => 'ran')).toBe('ran');
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(100);
  });
});
