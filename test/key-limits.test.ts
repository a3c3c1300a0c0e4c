import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';
import { parsePrometheusText } from './support/parse-prometheus-text.ts';
import { postChat } from './support/post-chat.ts';

const keys = {
  metered: { key: 'sk-metered-1a2b3c4d5e6f7a8b', requestsPerMinute: 3, maxConcurrent: 0 },
  serial: { key: 'sk-serial-9f8e7d6c5b4a3f2e', requestsPerMinute: 0, maxConcurrent: 1 },
  roomy: 'sk-roomy-0a1b2c3d4e5f6a7b',
  budgeted: { key: 'sk-budgeted-5e6f7a8b9c0d1e2f', requestsPerMinute: 10, maxConcurrent: 0 },
};

let stack: GatewayStack;
beforeAll(async () => {
  stack = await startGatewayStack({ settings: { API_KEYS: JSON.stringify(keys) } });
});
afterAll(async () => {
  await stack?.close();
});
beforeEach(() => {
  stack.simulator.reset();
});

describe('per-key limits', () => {
  it('answers the request over a key’s per-minute budget with 429 and Retry-After in each protocol', async () => {
    const statuses = [];
    for (let index = 0; index < 3; index += 1)
      statuses.push((await postChat(stack.url, 'openai', keys.metered.key)).status);
    expect(statuses).toEqual([200, 200, 200]);
    const overOpenAI = await postChat(stack.url, 'openai', keys.metered.key);
    expect(overOpenAI.status).toBe(429);
    const retryAfter = Number(overOpenAI.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(overOpenAI.headers.get('x-ratelimit-limit')).toBe('3');
    expect(await overOpenAI.json()).toMatchObject({
      error: { type: 'rate_limit_error', code: 'rate_limit_exceeded' },
    });
    const overAnthropic = await postChat(stack.url, 'anthropic', keys.metered.key);
    expect(overAnthropic.status).toBe(429);
    expect(overAnthropic.headers.get('retry-after')).not.toBeNull();
    const body = (await overAnthropic.json()) as { error: { message: string } };
    expect(body).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    expect(body.error.message).toContain('"metered"');
    expect(body.error.message).not.toContain(keys.metered.key);
    expect((await postChat(stack.url, 'openai', keys.roomy)).status).toBe(200);
  });

  it('refuses a request beyond a key’s concurrency and admits the next once one ends', async () => {
    stack.simulator.setSlowMode(400);
    const [first, second] = await Promise.all([
      postChat(stack.url, 'openai', keys.serial.key),
      new Promise((resolve) => setTimeout(resolve, 100)).then(() =>
        postChat(stack.url, 'anthropic', keys.serial.key),
      ),
    ]);
    expect(first.status).toBe(200);
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('1');
    expect(await second.json()).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    stack.simulator.setSlowMode(0);
    expect((await postChat(stack.url, 'openai', keys.serial.key)).status).toBe(200);
    const metrics = parsePrometheusText(await (await fetch(`${stack.url}/metrics`)).text());
    expect(metrics.value('sfgw_key_limit_rejections_total', { key: 'serial', limit: 'concurrency' })).toBe(1);
  });
});

describe('per-key limit hooks', () => {
  it('registers the per-minute limiter when some key has a budget and sends its headers', async () => {
    expect(stack.server.gateway.app.hasPlugin('@fastify/rate-limit')).toBe(true);
    const answer = await postChat(stack.url, 'openai', keys.budgeted.key);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-ratelimit-limit')).toBe('10');
    expect(answer.headers.get('x-ratelimit-remaining')).toBe('9');
  });

  it('fills a gateway-wide default budget into keys that set none', async () => {
    const limited = await startGatewayStack({
      existingSimulator: stack.simulator,
      settings: { API_KEYS: JSON.stringify({ plain: keys.roomy }), KEY_REQUESTS_PER_MINUTE: '5' },
    });
    try {
      expect(limited.server.gateway.app.hasPlugin('@fastify/rate-limit')).toBe(true);
      expect((await postChat(limited.url, 'openai', keys.roomy)).headers.get('x-ratelimit-limit')).toBe('5');
    } finally {
      await limited.close();
    }
  });

  it('runs no limiter hook when no key has a per-minute limit', async () => {
    const cases: Record<string, string>[] = [
      {
        API_KEYS: JSON.stringify({ plain: keys.roomy }),
        KEY_REQUESTS_PER_MINUTE: '0',
        KEY_MAX_CONCURRENT: '0',
      },
      // without keys there is no caller to limit, whatever the default
      { KEY_REQUESTS_PER_MINUTE: '5' },
    ];
    for (const settings of cases) {
      const unlimited = await startGatewayStack({ existingSimulator: stack.simulator, settings });
      try {
        expect(unlimited.server.gateway.app.hasPlugin('@fastify/rate-limit')).toBe(false);
        const statuses = [];
        for (let index = 0; index < 6; index += 1) {
          const answer = await postChat(unlimited.url, 'openai', keys.roomy);
          expect(answer.headers.get('x-ratelimit-limit')).toBeNull();
          statuses.push(answer.status);
        }
        expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
      } finally {
        await unlimited.close();
      }
    }
  });
});
