import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/index.ts';
import type { Simulator } from '../../src/simulator/simulator.ts';
import { type OrgPoolStack, startOrgPoolStack } from '../support/org-pool-stack.ts';
import { sharedRedisUrl } from '../support/shared-redis-url.ts';

const model = 'sfdc_ai__DefaultGPT4OmniMini';
// a model of its own for the breaker test, so the cooldown test after it is not affected
const breakerModel = 'sfdc_ai__DefaultGPT41Mini';
let redis: Awaited<ReturnType<typeof sharedRedisUrl>>;
let first: OrgPoolStack;
let second: RunningServer;
let simulators: Record<'org-a' | 'org-b', Simulator>;

beforeAll(async () => {
  redis = await sharedRedisUrl();
  const settings = {
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: `sfgw-org-pool-${randomUUID()}:`,
    UPSTREAM_MAX_RETRIES: '0',
    UPSTREAM_BREAKER_FAILURES: '2',
    UPSTREAM_BREAKER_COOLDOWN_SECONDS: '30',
  };
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

async function ask(url: string, text: string, askedModel = model): Promise<number> {
  const answer = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: askedModel, messages: [{ role: 'user', content: text }] }),
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

  it("honour a breaker that the other gateway opened for one org's model", async () => {
    const failing = simulators['org-b'];
    const faultsBefore = failing.counters().faultsServed;
    failing.injectFault({ status: 500, count: 2, model: breakerModel, endpoint: 'chat-generations' });
    await pollUntil(async () => {
      expect(await ask(first.url, 'meets the 500s', breakerModel)).toBe(200);
      return failing.counters().faultsServed === faultsBefore + 2;
    }, 5_000);
    await pollUntil(async () => {
      const health = (await (await fetch(`${second.url}/health`)).json()) as {
        orgs: { name: string; circuit: { state: string; openModels: string[] } }[];
      };
      return health.orgs[1]?.circuit.openModels.includes(breakerModel) === true;
    }, 2_000);
    // the breaker is per model: org-b still answers the other model
    const callsBefore = failing.counters().chatGenerations;
    for (let index = 0; index < 6; index += 1)
      expect(await ask(second.url, `after ${index}`, breakerModel)).toBe(200);
    expect(failing.counters().chatGenerations).toBe(callsBefore);
    for (let index = 0; index < 4; index += 1) expect(await ask(second.url, `other ${index}`)).toBe(200);
    expect(failing.counters().chatGenerations).toBeGreaterThan(callsBefore);
  });
  it('send feedback to the org that made the generation, whichever gateway made it', async () => {
    // one generation from each org, both through the first gateway
    const madeBy = new Map<'org-a' | 'org-b', string>();
    for (let index = 0; madeBy.size < 2 && index < 10; index += 1) {
      const before = simulators['org-b'].counters().chatGenerations;
      const answer = await fetch(`${first.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model, messages: [{ role: 'user', content: `generation ${index}` }] }),
      });
      await answer.arrayBuffer();
      const org = simulators['org-b'].counters().chatGenerations > before ? 'org-b' : 'org-a';
      madeBy.set(org, answer.headers.get('x-sfgw-generation-id') ?? '');
    }
    expect(madeBy.size).toBe(2);
    // the first gateway keeps each origin in Redis without making its client wait
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (const [org, generationId] of madeBy) {
      const feedback = await fetch(`${second.url}/v1/feedback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: `fb-${org}`, generation_id: generationId, feedback: 'GOOD' }),
      });
      expect(feedback.status).toBe(202);
      const filed = simulators[org].requests('feedback').at(-1)?.body as { generationId: string } | undefined;
      expect(filed?.generationId).toBe(generationId);
    }
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
