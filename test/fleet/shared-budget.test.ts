import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/simulator/simulator.ts';
import { chatAs, messageAs, secondsToNextReset, settle } from '../support/budget-requests.ts';
import { type GatewayStack, startGatewayStack } from '../support/gateway-stack.ts';
import { startTestRedis, type TestRedis } from '../support/redis-server.ts';
import { sharedRedisUrl } from '../support/shared-redis-url.ts';

const tinyKey = 'tiny-budget-0123456789abcdef';
const freeKey = 'free-of-budgets-0123456789abcdef';
const apiKeys = JSON.stringify({ tiny: { key: tinyKey, tokensPerDay: 1 }, free: freeKey });
// one ledger flush to Redis (1 s) and one refresh of the other instance's totals (1 s), with margin
const fleetDelayMs = 2_500;

async function startTwoGateways(simulator: Simulator, redisUrl: string): Promise<GatewayStack[]> {
  // a prefix of its own, so runs sharing the CI's Redis never see each other's totals
  const settings = {
    API_KEYS: apiKeys,
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: `sfgw-budget-${process.pid}-${Date.now()}:`,
  };
  return [
    await startGatewayStack({ existingSimulator: simulator, settings }),
    await startGatewayStack({ existingSimulator: simulator, settings }),
  ];
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('budgets shared through Redis', () => {
  let simulator: Simulator;
  let redis: { url: string; close(): Promise<void> };
  let gateways: GatewayStack[] = [];

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0 });
    redis = await sharedRedisUrl();
    gateways = await startTwoGateways(simulator, redis.url);
  });
  afterAll(async () => {
    for (const gateway of gateways) await gateway.close();
    await redis?.close();
    await simulator?.close();
  });

  it('refuses a key on the instance that never served it once the other has spent its budget', async () => {
    const [first, second] = gateways as [GatewayStack, GatewayStack];
    expect((await chatAs(first.url, tinyKey)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, fleetDelayMs));
    const refused = await messageAs(second.url, tinyKey);
    expect(refused.status).toBe(429);
    expect(Math.abs(Number(refused.headers.get('retry-after')) - secondsToNextReset())).toBeLessThanOrEqual(
      1,
    );
    expect(await refused.json()).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    expect((await chatAs(second.url, freeKey)).status).toBe(200);
  });
});

describe('budgets while Redis is down', () => {
  let simulator: Simulator;
  let redis: TestRedis;
  let gateways: GatewayStack[] = [];

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0 });
    redis = await startTestRedis();
    gateways = await startTwoGateways(simulator, redis.url);
  });
  afterAll(async () => {
    for (const gateway of gateways) await gateway.close();
    await redis?.stop();
    await simulator?.close();
  });

  it('holds per instance: each instance counts only what it served itself', async () => {
    const [first, second] = gateways as [GatewayStack, GatewayStack];
    await redis.stop();
    await waitFor(async () => {
      const health = (await (await fetch(`${second.url}/health`)).json()) as {
        sharedStore: { redis: string };
      };
      return health.sharedStore.redis === 'down';
    }, 5_000);
    expect((await chatAs(first.url, tinyKey)).status).toBe(200);
    await settle();
    expect((await chatAs(first.url, tinyKey)).status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, fleetDelayMs));
    // the second instance cannot learn what the first served: the budget holds on each alone
    expect((await chatAs(second.url, tinyKey)).status).toBe(200);
  }, 15_000);
});
