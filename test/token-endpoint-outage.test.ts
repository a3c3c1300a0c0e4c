import { afterEach, describe, expect, it } from 'vitest';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';
import { postChat } from './support/post-chat.ts';

let stack: GatewayStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

async function circuit(url: string) {
  const health = (await (await fetch(`${url}/health`)).json()) as {
    upstream: { circuit: { state: string; consecutiveFailures: number } };
  };
  return health.upstream.circuit;
}

describe('a token endpoint that is unavailable', () => {
  it('is a 503 (Anthropic: 529) with Retry-After in both protocols', async () => {
    stack = await startGatewayStack({ settings: { UPSTREAM_MAX_RETRIES: '0' } });
    stack.simulator.injectTokenFault({ status: 503, count: 2 });
    const openai = await postChat(stack.url, 'openai');
    expect(openai.status).toBe(503);
    expect(Number(openai.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const anthropic = await postChat(stack.url, 'anthropic');
    expect(anthropic.status).toBe(529);
    expect(Number(anthropic.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(stack.simulator.counters()).toMatchObject({ tokenRequests: 2, chatGenerations: 0 });
  });

  it('does not count against the Models API circuit breaker', async () => {
    stack = await startGatewayStack({
      settings: { UPSTREAM_MAX_RETRIES: '0', UPSTREAM_BREAKER_FAILURES: '2' },
    });
    stack.simulator.injectTokenFault({ status: 503, count: 3 });
    for (let attempt = 0; attempt < 3; attempt += 1)
      expect((await postChat(stack.url, 'openai')).status).toBe(503);
    expect(await circuit(stack.url)).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
    expect((await postChat(stack.url, 'openai')).status).toBe(200);
  });

  it('does not hold the half-open probe slot of the Models API circuit', async () => {
    // Tokens that expire with the cooldown, so that the probe has to fetch one.
    stack = await startGatewayStack({
      simulator: { tokenTtlSeconds: 1 },
      settings: {
        UPSTREAM_MAX_RETRIES: '0',
        UPSTREAM_BREAKER_FAILURES: '1',
        UPSTREAM_BREAKER_COOLDOWN_SECONDS: '1',
      },
    });
    const { url, simulator } = stack;
    simulator.injectFault({ status: 500, endpoint: 'chat-generations' });
    expect((await postChat(url, 'openai')).status).toBe(502);
    expect((await circuit(url)).state).toBe('open');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    // The probe meets a token outage: it learnt nothing about the Models API, so the next
    // request may probe at once instead of a cooldown later.
    simulator.injectTokenFault({ status: 503 });
    expect((await postChat(url, 'openai')).status).toBe(503);
    expect(simulator.counters().chatGenerations).toBe(1);
    expect((await postChat(url, 'openai')).status).toBe(200);
    expect((await circuit(url)).state).toBe('closed');
  });
});
