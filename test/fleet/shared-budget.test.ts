import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/simulator/simulator.ts';
import { chatAs, messageAs, secondsToNextReset, settle } from '../support/budget-requests.ts';
import { startGatewayPair, waitForRedisDown } from '../support/gateway-pair.ts';
import type { GatewayStack } from '../support/gateway-stack.ts';
import { startTestRedis, type TestRedis } from '../support/redis-server.ts';
import { sharedRedisUrl } from '../support/shared-redis-url.ts';

const tinyKey = 'tiny-budget-0123456789abcdef';
const freeKey = 'free-of-budgets-0123456789abcdef';
const apiKeys = JSON.stringify({ tiny: { key: tinyKey, tokensPerDay: 1 }, free: freeKey });
// one ledger flush to Redis (1 s) and one refresh of the other instance's totals (1 s), with margin
const fleetDelayMs = 2_500;

describe('budgets shared through Redis', () => {
  let simulator: Simulator;
  let redis: { url: string; close(): Promise<void> };
  let gateways: GatewayStack[] = [];

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0 });
    redis = await sharedRedisUrl();
    gateways = await startGatewayPair(simulator, redis.url, { API_KEYS: apiKeys });
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
    gateways = await startGatewayPair(simulator, redis.url, { API_KEYS: apiKeys });
  });
  afterAll(async () => {
    for (const gateway of gateways) await gateway.close();
    await redis?.stop();
    await simulator?.close();
  });

  it('holds per instance: each instance counts only what it served itself', async () => {
    const [first, second] = gateways as [GatewayStack, GatewayStack];
    await redis.stop();
    await waitForRedisDown(second.url);
    expect((await chatAs(first.url, tinyKey)).status).toBe(200);
    await settle();
    expect((await chatAs(first.url, tinyKey)).status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, fleetDelayMs));
    // the second instance cannot learn what the first served: the budget holds on each alone
    expect((await chatAs(second.url, tinyKey)).status).toBe(200);
  }, 15_000);
});
