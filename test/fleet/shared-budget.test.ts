import { describe, expect, it } from 'vitest';
import { chatAs, messageAs, secondsToNextReset, settle } from '../support/budget-requests.ts';
import { useGatewayPair, waitForRedisDown } from '../support/gateway-pair.ts';
import type { GatewayStack } from '../support/gateway-stack.ts';

const tinyKey = 'tiny-budget-0123456789abcdef';
const freeKey = 'free-of-budgets-0123456789abcdef';
const apiKeys = JSON.stringify({ tiny: { key: tinyKey, tokensPerDay: 1 }, free: freeKey });
// one ledger flush to Redis (1 s) and one refresh of the other instance's totals (1 s), with margin
const fleetDelayMs = 2_500;

describe('budgets shared through Redis', () => {
  const pair = useGatewayPair({ API_KEYS: apiKeys });

  it('refuses a key on the instance that never served it once the other has spent its budget', async () => {
    const [first, second] = pair.gateways as [GatewayStack, GatewayStack];
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
  const pair = useGatewayPair({ API_KEYS: apiKeys }, true);

  it('holds per instance: each instance counts only what it served itself', async () => {
    const [first, second] = pair.gateways as [GatewayStack, GatewayStack];
    await pair.ownRedis?.stop();
    await waitForRedisDown(second.url);
    expect((await chatAs(first.url, tinyKey)).status).toBe(200);
    await settle();
    expect((await chatAs(first.url, tinyKey)).status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, fleetDelayMs));
    // the second instance cannot learn what the first served: the budget holds on each alone
    expect((await chatAs(second.url, tinyKey)).status).toBe(200);
  }, 15_000);
});
