import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/index.ts';
import type { Simulator } from '../../src/simulator/simulator.ts';
import { type OrgPoolStack, startOrgPoolStack } from '../support/org-pool-stack.ts';
import { sharedRedisUrl } from '../support/shared-redis-url.ts';

const model = 'sfdc_ai__DefaultGPT4OmniMini';
let redis: Awaited<ReturnType<typeof sharedRedisUrl>>;
let first: OrgPoolStack;
let second: RunningServer;
let simulators: Record<'org-a' | 'org-b', Simulator>;

beforeAll(async () => {
  redis = await sharedRedisUrl();
  const settings = { REDIS_URL: redis.url, REDIS_KEY_PREFIX: `sfgw-org-pool-${randomUUID()}:` };
  first = await startOrgPoolStack({ settings });
  // no token file for the second: only Redis can share the tokens between them
  second = await first.startGateway({ TOKEN_CACHE_FILE: '' });
  simulators = first.simulators as typeof simulators;
}, 30_000);
afterAll(async () => {
  await second?.close();
  await first?.close();
  await redis?.close();
});

async function ask(url: string, text: string): Promise<number> {
  const answer = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: text }] }),
  });
  await answer.arrayBuffer();
  return answer.status;
}

async function pollUntil(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('two gateways pooling the same two orgs over one Redis', () => {
  it('fetch exactly one token per org for the fleet', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        ask(index % 2 === 0 ? first.url : second.url, `warm ${index}`),
      ),
    );
    expect(statuses).toEqual(Array.from({ length: 20 }, () => 200));
    expect(simulators['org-a'].counters().tokenRequests).toBe(1);
    expect(simulators['org-b'].counters().tokenRequests).toBe(1);
    expect(simulators['org-a'].counters().chatGenerations).toBeGreaterThan(0);
    expect(simulators['org-b'].counters().chatGenerations).toBeGreaterThan(0);
  });

  it('honour a cooldown that the other gateway set after its 429', async () => {
    const limited = simulators['org-a'];
    limited.injectFault({ status: 429, retryAfterSeconds: 30, endpoint: 'chat-generations' });
    // the first gateway meets the 429 (on org-a, or on org-b first and org-a on the next call)
    await pollUntil(async () => {
      expect(await ask(first.url, 'meets the 429')).toBe(200);
      return limited.counters().faultsServed === 1;
    }, 5_000);
    // the second gateway learns of the cooldown through Redis and sends org-a nothing more
    await pollUntil(async () => {
      const health = (await (await fetch(`${second.url}/health`)).json()) as {
        orgs: { name: string; cooldown: { reason: string } | null }[];
      };
      return health.orgs[0]?.cooldown?.reason === 'rate_limit';
    }, 2_000);
    const callsBefore = limited.counters().chatGenerations;
    for (let index = 0; index < 10; index += 1) expect(await ask(second.url, `after ${index}`)).toBe(200);
    expect(limited.counters().chatGenerations).toBe(callsBefore);
    expect(limited.counters().rateLimited + limited.counters().faultsServed).toBe(1);
  });
});
