import { describe, expect, it } from 'vitest';
import { readJson } from './simulator-client.ts';
import { startSimulatorUnderTest } from './simulator-under-test.fixtures.ts';

const { simulator, client } = await startSimulatorUnderTest();
const token = await client.fetchToken();

const chatPath = '/models/sfdc_ai__DefaultGPT4OmniMini/chat-generations';
const chatBody = { messages: [{ role: 'user', content: 'hi' }] };

function callChat(signal?: AbortSignal) {
  return client.post(chatPath, { token, body: chatBody, signal });
}

describe('injected Models API faults', () => {
  it('serves a 401 in the gateway token-rejection shape, then recovers', async () => {
    simulator.injectFault({ status: 401 });
    const rejected = await callChat();
    expect(rejected.status).toBe(401);
    expect(await readJson(rejected)).toEqual({ errors: [{ message: 'Invalid token' }] });
    expect((await callChat()).status).toBe(200);
    expect(simulator.counters()).toMatchObject({ chatGenerations: 2, faultsServed: 1, unauthorized: 0 });
  });

  it('serves a 429 with Retry-After when the fault asks for it', async () => {
    simulator.injectFault({ status: 429, retryAfterSeconds: 2 });
    simulator.injectFault({ status: 429 });
    const first = await callChat();
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('2');
    expect((await readJson(first)).errorCode).toBe('TOO_MANY_REQUESTS');
    const second = await callChat();
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBeNull();
    expect(simulator.counters()).toMatchObject({ faultsServed: 2, rateLimited: 0 });
  });

  it.each([
    [500, { errorCode: 'INTERNAL_ERROR', messageCode: 'E00077' }],
    [503, { errorCode: 'SERVICE_UNAVAILABLE' }],
    [403, { errorCode: 'PERMISSION_DENIED' }],
  ])('serves %i with the Models API error object', async (status, codes) => {
    simulator.injectFault({ status });
    const response = await callChat();
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await readJson(response)).toEqual({ ...codes, message: expect.any(String) });
  });

  it('serves an HTML page for a non-JSON fault', async () => {
    simulator.injectFault({ status: 503, body: 'non-json' });
    const response = await callChat();
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const text = await response.text();
    expect(text).toMatch(/^<html>.*503 Service Unavailable.*<\/html>\s*$/s);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('serves an empty body for an empty fault', async () => {
    simulator.injectFault({ status: 500, body: 'empty' });
    const response = await callChat();
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('');
  });

  it('applies a fault to the next N requests of its endpoint only', async () => {
    simulator.injectFault({ status: 503, endpoint: 'embeddings', count: 2 });
    expect((await callChat()).status).toBe(200);
    const embeddingsPath = '/models/sfdc_ai__DefaultOpenAITextEmbeddingAda_002/embeddings';
    const statuses = [];
    for (let index = 0; index < 3; index += 1) {
      statuses.push((await client.post(embeddingsPath, { token, body: { input: ['x'] } })).status);
    }
    expect(statuses).toEqual([503, 503, 200]);
  });

  it('hits a request even before its token is checked', async () => {
    simulator.injectFault({ status: 500 });
    expect((await client.post(chatPath, { token: null, body: chatBody })).status).toBe(500);
  });

  it('drops queued faults on clearFaults', async () => {
    simulator.injectFault({ status: 500, count: 3 });
    simulator.clearFaults();
    expect((await callChat()).status).toBe(200);
  });
});

describe('delays and aborted clients', () => {
  it('delays a request without failing it when the fault has no status', async () => {
    simulator.injectFault({ delayMs: 400 });
    await expect(callChat(AbortSignal.timeout(50))).rejects.toThrow();
    const next = await callChat();
    expect(next.status).toBe(200);
    expect(simulator.counters()).toMatchObject({ chatGenerations: 2, faultsServed: 1 });
  });

  it('slows every request in slow mode until it is turned off', async () => {
    simulator.setSlowMode(400);
    await expect(callChat(AbortSignal.timeout(50))).rejects.toThrow();
    await expect(
      client.post('/feedback', {
        token,
        body: { id: 'a', generationId: 'b' },
        signal: AbortSignal.timeout(50),
      }),
    ).rejects.toThrow();
    simulator.setSlowMode(0);
    expect((await callChat(AbortSignal.timeout(5_000))).status).toBe(200);
  });

  it('abandons a delayed request when the client goes away, without computing its reply', async () => {
    simulator.enqueueReplies('kept for the next caller');
    simulator.injectFault({ delayMs: 300 });
    await expect(callChat(AbortSignal.timeout(30))).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(simulator.counters().abandoned).toBe(1);
    const next = await readJson(await callChat());
    expect(next.generationDetails.generations[0].content).toBe('kept for the next caller');
  });
});
