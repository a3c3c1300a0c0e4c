import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';

let stack: GatewayStack;
beforeAll(async () => {
  stack = await startGatewayStack({ settings: { STREAM_KEEPALIVE_MS: '100' } });
});
afterAll(async () => {
  await stack?.close();
});
beforeEach(() => {
  stack.simulator.reset();
});

function streamRequest(signal?: AbortSignal) {
  return fetch(`${stack.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'gpt-4o-mini',
      stream: true,
      messages: [{ role: 'user', content: 'slow one' }],
    }),
    signal,
  });
}

const busyConnections = () =>
  stack.server.gateway.app.inject({ method: 'GET', url: '/health' }).then((response) => {
    const pools = response.json().upstream.pools as Array<{ running: number; pending: number }>;
    return pools.reduce((total, pool) => total + pool.running + pool.pending, 0);
  });

describe('simulated streaming against a slow upstream', () => {
  it('sends SSE keep-alive comments while Salesforce works, then the answer and [DONE]', async () => {
    stack.simulator.setSlowMode(600);
    stack.simulator.enqueueReplies('The slow answer, finally.');
    const response = await streamRequest();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const body = await response.text();
    const keepAlives = body.split('\n').filter((line) => line.startsWith(':')).length;
    expect(keepAlives).toBeGreaterThanOrEqual(3);
    const text = body
      .split('\n')
      .filter((line) => line.startsWith('data: {'))
      .map((line) => JSON.parse(line.slice('data: '.length)).choices[0]?.delta.content ?? '')
      .join('');
    expect(text).toBe('The slow answer, finally.');
    expect(body.trimEnd().endsWith('data: [DONE]')).toBe(true);
  });

  it('aborts the upstream call when the client disconnects', async () => {
    // warm the token so the only upstream work left is the slow generation
    await stack.openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'warm' }],
    });
    stack.simulator.setSlowMode(5_000);
    const controller = new AbortController();
    const response = await streamRequest(controller.signal);
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await busyConnections()).toBe(1);
    controller.abort();
    const deadline = Date.now() + 2_000;
    while ((await busyConnections()) > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(await busyConnections()).toBe(0);
  });

  it('answers a fast upstream failure with a plain HTTP status, not a broken stream', async () => {
    stack.simulator.injectFault({ status: 400, endpoint: 'chat-generations' });
    const response = await streamRequest();
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /Salesforce rejected/,
    );
  });

  it('turns a failure after keep-alives into an in-stream OpenAI error event', async () => {
    stack.simulator.injectFault({ status: 400, delayMs: 400, endpoint: 'chat-generations' });
    const response = await streamRequest();
    expect(response.status).toBe(200);
    const body = await response.text();
    const errorLine = body.split('\n').find((line) => line.startsWith('data: {"error"'));
    expect(errorLine).toBeDefined();
    expect(JSON.parse(errorLine?.slice('data: '.length) ?? '{}').error.type).toBe('invalid_request_error');
    expect(body).not.toContain('[DONE]');
  });
});
