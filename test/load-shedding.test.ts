import { afterEach, describe, expect, it } from 'vitest';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';
import { parsePrometheusText } from './support/parse-prometheus-text.ts';
import { postChat } from './support/post-chat.ts';

let stack: GatewayStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

describe('load shedding', () => {
  it('queues beyond MAX_IN_FLIGHT and answers 503 (Anthropic: 529) with Retry-After once the queue is full', async () => {
    stack = await startGatewayStack({ settings: { MAX_IN_FLIGHT: '2', MAX_QUEUED: '2' } });
    stack.simulator.setSlowMode(500);
    const { url } = stack;
    const protocols = ['openai', 'anthropic', 'openai', 'anthropic', 'openai', 'anthropic'] as const;
    const responses = await Promise.all(
      protocols.map((protocol, index) =>
        new Promise((resolve) => setTimeout(resolve, index * 40)).then(() => postChat(url, protocol)),
      ),
    );
    // Anthropic clients know an overloaded server by 529 overloaded_error, which their SDKs retry
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 503, 529]);
    const [openaiShed, anthropicShed] = responses.slice(4);
    expect(openaiShed?.headers.get('retry-after')).toBe('2');
    expect(await openaiShed?.json()).toMatchObject({ error: { code: 'gateway_overloaded' } });
    expect(anthropicShed?.headers.get('retry-after')).toBe('2');
    expect(await anthropicShed?.json()).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
    // at most two calls were at Salesforce at any moment: the queue held the rest
    expect(stack.simulator.counters().chatGenerations).toBe(4);
    const metrics = parsePrometheusText(await (await fetch(`${url}/metrics`)).text());
    expect(metrics.value('sfgw_shed_requests_total', { reason: 'queue_full' })).toBe(2);
    expect(metrics.value('sfgw_model_requests', { state: 'running' })).toBe(0);
    expect(metrics.value('sfgw_model_requests', { state: 'queued' })).toBe(0);
  });

  it('sheds a queued request that waits longer than QUEUE_TIMEOUT_MS, and keeps probes answering', async () => {
    stack = await startGatewayStack({
      settings: { MAX_IN_FLIGHT: '1', MAX_QUEUED: '5', QUEUE_TIMEOUT_MS: '200' },
    });
    stack.simulator.setSlowMode(800);
    const { url } = stack;
    const first = postChat(url, 'openai');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const queued = await postChat(url, 'openai');
    expect(queued.status).toBe(503);
    expect(await queued.json()).toMatchObject({ error: { code: 'gateway_overloaded' } });
    expect((await fetch(`${url}/livez`)).status).toBe(200);
    expect((await fetch(`${url}/v1/models`)).status).toBe(200);
    expect((await first).status).toBe(200);
  });
});
