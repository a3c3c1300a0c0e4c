import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../src/simulator/simulator.ts';
import { chatAs, chatTokens, messageAs, secondsToNextReset, settle } from './support/budget-requests.ts';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';

const keys = {
  tiny: 'tiny-budget-0123456789abcdef',
  monthly: 'monthly-budget-0123456789abcdef',
  counted: 'counted-requests-0123456789abcdef',
  roomy: 'roomy-budget-0123456789abcdef',
  free: 'free-of-budgets-0123456789abcdef',
  hurried: 'hurried-budget-0123456789abcdef',
};
const apiKeys = JSON.stringify({
  tiny: { key: keys.tiny, tokensPerDay: 1 },
  monthly: { key: keys.monthly, tokensPerMonth: 1 },
  counted: { key: keys.counted, requestsPerDay: 2 },
  roomy: { key: keys.roomy, tokensPerDay: 100_000, tokensPerMonth: 200_000 },
  free: keys.free,
  hurried: { key: keys.hurried, requestsPerMinute: 1, tokensPerDay: 100_000 },
});

function expectRetryAfterNear(response: Response, seconds: number): void {
  expect(Math.abs(Number(response.headers.get('retry-after')) - seconds)).toBeLessThanOrEqual(1);
}

describe('budgets per key', () => {
  let stack: GatewayStack;

  beforeAll(async () => {
    stack = await startGatewayStack({ settings: { API_KEYS: apiKeys } });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('refuses a key past its daily token budget until UTC midnight, on both protocols', async () => {
    const first = await chatAs(stack.url, keys.tiny);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-sfgw-budget-remaining-tokens')).toBe('1');
    await first.json();
    await settle();

    const openai = await chatAs(stack.url, keys.tiny);
    expect(openai.status).toBe(429);
    expectRetryAfterNear(openai, secondsToNextReset());
    expect(openai.headers.get('x-sfgw-budget-remaining-tokens')).toBe('0');
    const midnight = new Date(Date.now() + secondsToNextReset() * 1000).toISOString().slice(0, 10);
    expect(await openai.json()).toMatchObject({
      error: {
        type: 'rate_limit_error',
        code: 'budget_exceeded',
        message: expect.stringContaining(
          `daily budget of 1 tokens (input + output); it resets at ${midnight}T00:00:00.000Z`,
        ),
      },
    });

    const anthropic = await messageAs(stack.url, keys.tiny);
    expect(anthropic.status).toBe(429);
    expectRetryAfterNear(anthropic, secondsToNextReset());
    expect(await anthropic.json()).toMatchObject({
      type: 'error',
      error: {
        type: 'rate_limit_error',
        message: expect.stringContaining('API key "tiny" has used its daily budget'),
      },
    });

    const metrics = await (await fetch(`${stack.url}/metrics`)).text();
    expect(metrics).toContain('sfgw_key_limit_rejections_total{key="tiny",limit="tokens_per_day"} 2');

    // keys with budgets left, or none, are served as before
    expect((await chatAs(stack.url, keys.free)).status).toBe(200);
    expect((await messageAs(stack.url, keys.free)).status).toBe(200);
    const roomy = await messageAs(stack.url, keys.roomy);
    expect(roomy.status).toBe(200);
    expect(roomy.headers.get('x-sfgw-budget-remaining-tokens')).toEqual(expect.stringMatching(/^\d+$/));
  });

  it('refuses a key past its monthly token budget until the first of the next UTC month', async () => {
    expect((await messageAs(stack.url, keys.monthly)).status).toBe(200);
    await settle();
    const refused = await messageAs(stack.url, keys.monthly);
    expect(refused.status).toBe(429);
    expectRetryAfterNear(refused, secondsToNextReset(true));
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(
      'monthly budget of 1 tokens',
    );
  });

  it('refuses a key past its daily request budget, and carries no token header for it', async () => {
    for (const send of [chatAs, messageAs]) {
      const served = await send(stack.url, keys.counted);
      expect(served.status).toBe(200);
      expect(served.headers.get('x-sfgw-budget-remaining-tokens')).toBeNull();
      await settle();
    }
    const refused = await chatAs(stack.url, keys.counted);
    expect(refused.status).toBe(429);
    expectRetryAfterNear(refused, secondsToNextReset());
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(
      'API key "counted" has used its daily budget of 2 requests',
    );
    expect((await messageAs(stack.url, keys.free)).status).toBe(200);
  });

  it('tells a key refused by its per-minute limit what it has left of its token budget', async () => {
    expect((await chatAs(stack.url, keys.hurried)).status).toBe(200);
    const refused = await chatAs(stack.url, keys.hurried);
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rate_limit_exceeded');
    expect(Number(refused.headers.get('x-sfgw-budget-remaining-tokens'))).toBeGreaterThan(0);
  });

  it('lowers the remaining tokens by what each answer reported in usage, streams included', async () => {
    const remainingOf = (response: Response) =>
      Number(response.headers.get('x-sfgw-budget-remaining-tokens'));
    const first = await chatAs(stack.url, keys.roomy);
    const before = remainingOf(first);
    const firstTokens = await chatTokens(first);
    expect(firstTokens).toBeGreaterThan(0);
    await settle();

    const streamed = await chatAs(stack.url, keys.roomy, true);
    expect(remainingOf(streamed)).toBe(before - firstTokens);
    const events = (await streamed.text()).split('\n').filter((line) => line.startsWith('data: {'));
    const usage = JSON.parse((events.at(-1) as string).slice(6)).usage as Record<string, number>;
    const streamedTokens = (usage.prompt_tokens ?? 0) + (usage.completion_tokens ?? 0);
    expect(streamedTokens).toBeGreaterThan(0);
    await settle();

    expect(remainingOf(await chatAs(stack.url, keys.roomy))).toBe(before - firstTokens - streamedTokens);
  });
});

describe('budgets across a restart', () => {
  let simulator: Simulator;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0 });
  });
  afterAll(async () => {
    await simulator?.close();
  });

  it('keeps the day’s totals of the same USAGE_DB', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'sfgw-budgets-'));
    const settings = { API_KEYS: apiKeys, USAGE_DB: path.join(folder, 'usage.db') };
    const before = await startGatewayStack({ existingSimulator: simulator, settings });
    try {
      expect((await chatAs(before.url, keys.tiny)).status).toBe(200);
      await settle();
    } finally {
      await before.close();
    }
    const after = await startGatewayStack({ existingSimulator: simulator, settings });
    try {
      const refused = await chatAs(after.url, keys.tiny);
      expect(refused.status).toBe(429);
      expectRetryAfterNear(refused, secondsToNextReset());
      expect((await chatAs(after.url, keys.free)).status).toBe(200);
    } finally {
      await after.close();
    }
  });
});
