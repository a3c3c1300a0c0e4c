import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/simulator/simulator.ts';
import { type GatewayFleet, startGatewayFleet } from '../support/gateway-fleet.ts';
import { parsePrometheusText } from '../support/parse-prometheus-text.ts';
import { postChat } from '../support/post-chat.ts';
import { sharedRedisUrl } from '../support/shared-redis-url.ts';

const fleetKey = 'sk-fleet-0a9b8c7d6e5f4a3b';
let simulator: Simulator;
let redis: Awaited<ReturnType<typeof sharedRedisUrl>>;
let fleet: GatewayFleet;

beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
  // room for the whole test: the simulator's own per-org limit is not what is measured here
  simulator.setRateLimit('chat-generations', { limit: 10_000, windowMs: 60_000 });
  redis = await sharedRedisUrl();
  fleet = await startGatewayFleet({
    count: 3,
    simulator,
    redisUrl: redis.url,
    settings: {
      API_KEYS: JSON.stringify({
        fleet: { key: fleetKey, requestsPerMinute: 30 },
        bulk: 'sk-bulk-1f2e3d4c5b6a7980',
      }),
      KEY_REQUESTS_PER_MINUTE: '0',
      KEY_MAX_CONCURRENT: '0',
      MAX_QUEUED: '1000',
    },
  });
}, 60_000);
afterAll(async () => {
  await fleet?.stop();
  await redis?.close();
  await simulator?.close();
});

describe('three gateway processes sharing Redis', () => {
  it('take 300 concurrent requests with exactly one token request between them', async () => {
    const responses = await Promise.all(
      Array.from({ length: 300 }, (_, index) =>
        postChat(
          fleet.urls[index % 3] as string,
          index % 2 === 0 ? 'openai' : 'anthropic',
          'sk-bulk-1f2e3d4c5b6a7980',
        ),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(300);
    expect(simulator.counters().tokenRequests).toBe(1);
    for (const url of fleet.urls) {
      const health = (await (await fetch(`${url}/health`)).json()) as { sharedStore: { redis: string } };
      expect(health.sharedStore.redis).toBe('up');
    }
  });

  it('hold one per-key limit across the fleet, not one per process', async () => {
    const responses = [];
    for (let index = 0; index < 45; index += 1) {
      responses.push(
        await postChat(fleet.urls[index % 3] as string, index % 2 === 0 ? 'openai' : 'anthropic', fleetKey),
      );
    }
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(30);
    expect(statuses.slice(30).every((status) => status === 429)).toBe(true);
    const scraped = await Promise.all(
      fleet.urls.map(async (url) => parsePrometheusText(await (await fetch(`${url}/metrics`)).text())),
    );
    const rejections = scraped.map((metrics) =>
      metrics.value('sfgw_key_limit_rejections_total', { key: 'fleet', limit: 'requests_per_minute' }),
    );
    expect(rejections.reduce((sum, count) => sum + count, 0)).toBe(15);
    // every process turned some away: the budget was spent fleet-wide
    expect(rejections.every((count) => count > 0)).toBe(true);
  });
});
