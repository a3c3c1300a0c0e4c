import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/simulator/simulator.ts';
import { type GatewayFleet, startGatewayFleet } from '../support/gateway-fleet.ts';
import { parsePrometheusText } from '../support/parse-prometheus-text.ts';
import { postChat } from '../support/post-chat.ts';
import { startTestRedis, type TestRedis } from '../support/redis-server.ts';

const key = 'sk-outage-5a6b7c8d9e0f1a2b';
let simulator: Simulator;
let redis: TestRedis;
let fleet: GatewayFleet;

beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
  simulator.setRateLimit('chat-generations', { limit: 10_000, windowMs: 60_000 });
  redis = await startTestRedis();
  fleet = await startGatewayFleet({
    count: 2,
    simulator,
    redisUrl: redis.url,
    // no per-key limits: 40 requests at once on two processes are above the default concurrency
    settings: {
      API_KEYS: JSON.stringify({ outage: key }),
      KEY_REQUESTS_PER_MINUTE: '0',
      KEY_MAX_CONCURRENT: '0',
    },
  });
}, 60_000);
afterAll(async () => {
  await fleet?.stop();
  await redis?.stop();
  await simulator?.close();
});

async function sharedStoreOf(url: string) {
  const health = (await (await fetch(`${url}/health`)).json()) as { sharedStore: { redis: string } };
  const metrics = parsePrometheusText(await (await fetch(`${url}/metrics`)).text());
  return { state: health.sharedStore.redis, up: metrics.value('sfgw_shared_store_up', {}) };
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function burst(count: number) {
  return Promise.all(
    Array.from({ length: count }, (_, index) =>
      postChat(
        fleet.urls[index % fleet.urls.length] as string,
        index % 2 === 0 ? 'openai' : 'anthropic',
        key,
      ),
    ),
  );
}

describe('losing Redis mid-run', () => {
  it('keeps answering on local state, says so, and shares again once Redis is back', async () => {
    expect((await burst(20)).every((response) => response.status === 200)).toBe(true);
    expect(simulator.counters().tokenRequests).toBe(1);

    await redis.stop();
    await waitFor(async () => (await sharedStoreOf(fleet.urls[0] as string)).state === 'down', 10_000);
    // Salesforce drops every token while Redis is away: each process must refetch on its own
    simulator.revokeAllTokens();
    const during = await burst(20);
    expect(during.map((response) => response.status)).toEqual(Array(20).fill(200));
    for (const url of fleet.urls) {
      expect(await sharedStoreOf(url)).toEqual({ state: 'down', up: 0 });
      const health = (await (await fetch(`${url}/health`)).json()) as { status: string };
      expect(health.status).toBe('degraded');
    }
    const fallbacks = parsePrometheusText(await (await fetch(`${fleet.urls[0]}/metrics`)).text()).value(
      'sfgw_shared_store_fallbacks_total',
      {},
    );
    expect(fallbacks).toBeGreaterThan(0);

    await redis.start();
    for (const url of fleet.urls) {
      await waitFor(async () => (await sharedStoreOf(url)).state === 'up', 15_000);
    }
    // sharing resumed: after another revocation the two processes fetch one token between them
    simulator.revokeAllTokens();
    const tokensBefore = simulator.counters().tokenRequests;
    const after = await burst(40);
    expect(after.every((response) => response.status === 200)).toBe(true);
    expect(simulator.counters().tokenRequests - tokensBefore).toBe(1);
  });
});
