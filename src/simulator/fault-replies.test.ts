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
    expect((await readJson(first)).errorCode).toBe('LIMIT_EXCEEDED');
    const second = await callChat();
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBeNull();
    expect(simulator.counters()).toMatchObject({ faultsServed: 2, rateLimited: 0 });
  });

  it.each([
    [500, { errorCode: 'INTERNAL_ERROR', messageCode: 'E00077' }],
    [503, { errorCode: 'INTERNAL_ERROR', messageCode: 'E00001', message: 'Service is unavailable' }],
    [403, { errorCode: 'NOT_FOUND', messageCode: 'E00001' }],
    [
      423,
      {
        errorCode: 'NOT_FOUND',
        messageCode: 'E00001',
        message: 'Server is busy and cannot process the request at this time',
      },
    ],
    [429, { errorCode: 'LIMIT_EXCEEDED', message: 'Too many requests for the server to handle' }],
    [
      401,
      { errorCode: 'INVALID_AUTH', message: 'Access bearer token is missing or invalid' },
      'error-object',
    ],
  ] as const)('serves %i with the spec error object', async (status, codes, body?: 'error-object') => {
    simulator.injectFault({ status, body });
    const response = await callChat();
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await readJson(response)).toEqual({
      messageCode: 'E00001',
      message: expect.any(String),
      ...codes,
    });
  });

  it('answers with the x-request-id a fault pins, and a fresh UUID otherwise', async () => {
    const requestId = '51633d74-bdd1-42b0-9ea6-518eb9346d18';
    simulator.injectFault({ status: 423, requestId, count: 2 });
    const ids = [];
    for (let index = 0; index < 3; index += 1) ids.push((await callChat()).headers.get('x-request-id'));
    expect(ids.slice(0, 2)).toEqual([requestId, requestId]);
    expect(ids[2]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ids[2]).not.toBe(requestId);
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
