import { startTestRedis, type TestRedis } from './redis-server.ts';

/**
 * The Redis that .ci/run starts (SFGW_TEST_REDIS_URL), or else one of this test file's own. Tests
 * that stop and restart Redis always start their own with startTestRedis.
 */
export async function sharedRedisUrl(): Promise<{ url: string; close(): Promise<void> }> {
  const fromRun = process.env.SFGW_TEST_REDIS_URL;
  if (fromRun) return { url: fromRun, close: async () => undefined };
  const own: TestRedis = await startTestRedis();
  return { url: own.url, close: () => own.stop() };
}
