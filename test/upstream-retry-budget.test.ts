import { afterEach, describe, expect, it } from 'vitest';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';
import { postChat } from './support/post-chat.ts';

let stack: GatewayStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const stormSize = 50;

describe('the retry budget shared by all Models API calls', () => {
  it('keeps a 503 storm of concurrent requests close to one upstream call each', async () => {
    // The default backoff (the test stack's own is faster): 2 retries per call from 500 ms, slow
    // enough that without a budget every call makes all its retries before the breaker opens.
    stack = await startGatewayStack({
      settings: { UPSTREAM_RETRY_BASE_MS: '500', UPSTREAM_RETRY_MAX_MS: '8000' },
    });
    const { url, simulator } = stack;
    simulator.injectFault({ status: 503, count: 1_000, endpoint: 'chat-generations' });
    const statuses = await Promise.all(
      Array.from({ length: stormSize }, async () => {
        const response = await postChat(url, 'openai');
        await response.arrayBuffer();
        return response.status;
      }),
    );
    expect(statuses).toEqual(Array.from({ length: stormSize }, () => 503));
    // Without a budget every call retries twice: 150 calls. With it: at most 50 first attempts
    // (fewer once the breaker opens), 20 % of them (10) and the floor of 1 a second over the
    // 10 s window (10) as retries.
    expect(simulator.counters().chatGenerations).toBeLessThanOrEqual(stormSize + 10 + 10);
  });

  it('still retries a lone request past one transient 503', async () => {
    stack = await startGatewayStack();
    stack.simulator.injectFault({ status: 503, endpoint: 'chat-generations' });
    const response = await postChat(stack.url, 'openai');
    expect(response.status).toBe(200);
    expect(stack.simulator.counters().chatGenerations).toBe(2);
  });
});
