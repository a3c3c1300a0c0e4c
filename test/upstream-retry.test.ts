import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';

let stack: GatewayStack;
beforeAll(async () => {
  stack = await startGatewayStack({ settings: { UPSTREAM_MAX_RETRIES: '2' } });
});
afterAll(async () => {
  await stack?.close();
});
beforeEach(() => {
  stack.simulator.reset();
});

const ask = () =>
  stack.openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'hello' }],
  });

describe('upstream failures', () => {
  it('retries a 429 without Retry-After and then succeeds', async () => {
    stack.simulator.injectFault({ status: 429, count: 2, endpoint: 'chat-generations' });
    const answer = await ask();
    expect(answer.choices[0]?.message.content).toBeTruthy();
    expect(stack.simulator.counters().chatGenerations).toBe(3);
  });

  it('honours a 429 Retry-After before retrying', async () => {
    stack.simulator.injectFault({ status: 429, retryAfterSeconds: 1, endpoint: 'chat-generations' });
    const started = Date.now();
    const answer = await ask();
    expect(answer.choices[0]?.message.content).toBeTruthy();
    const [first, second] = stack.simulator.requests('chat-generations');
    expect(second).toBeDefined();
    expect((second?.receivedAtMs ?? 0) - (first?.receivedAtMs ?? 0)).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('passes a persistent 429 to the client as 429 with Retry-After', async () => {
    stack.simulator.injectFault({ status: 429, count: 3, endpoint: 'chat-generations' });
    const response = await fetch(`${stack.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }] }),
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await response.json()) as { error: { type: string } };
    expect(body.error.type).toBe('rate_limit_error');
    expect(stack.simulator.counters().chatGenerations).toBe(3);
  });

  it('passes the upstream Retry-After on when it is too long to wait for', async () => {
    stack.simulator.injectFault({ status: 429, retryAfterSeconds: 120, endpoint: 'chat-generations' });
    const failure = await ask().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.RateLimitError);
    expect((failure as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after')).toBe('120');
    expect(stack.simulator.counters().chatGenerations).toBe(1);
  });

  it('retries 500 and 503, including non-JSON and empty bodies', async () => {
    stack.simulator.injectFault({ status: 500, body: 'non-json', endpoint: 'chat-generations' });
    stack.simulator.injectFault({ status: 503, body: 'empty', endpoint: 'chat-generations' });
    const answer = await ask();
    expect(answer.choices[0]?.message.content).toBeTruthy();
    expect(stack.simulator.counters().chatGenerations).toBe(3);
  });

  it('turns persistent 503s into an OpenAI-shaped 503', async () => {
    stack.simulator.injectFault({ status: 503, count: 3, endpoint: 'chat-generations' });
    const failure = await ask().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.InternalServerError);
    expect((failure as InstanceType<typeof OpenAI.InternalServerError>).status).toBe(503);
  });

  it('does not retry a 400 from Salesforce', async () => {
    stack.simulator.injectFault({ status: 400, endpoint: 'chat-generations' });
    const failure = await ask().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.BadRequestError);
    expect(stack.simulator.counters().chatGenerations).toBe(1);
  });
});
