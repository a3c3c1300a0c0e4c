import { describe, expect, it } from 'vitest';
import { startSimulator } from './simulator.ts';
import { createSimulatorClient, readJson } from './simulator-client.ts';
import { startSimulatorUnderTest } from './simulator-under-test.fixtures.ts';

const clock = { now: 1_760_621_502_345 };
const { simulator, client } = await startSimulatorUnderTest({ clock: () => clock.now });
const token = await client.fetchToken();

const chat = '/models/sfdc_ai__DefaultGPT4OmniMini/chat-generations';
const chatBody = { messages: [{ role: 'user', content: 'hi' }] };
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function expectGatewayHeaders(response: Response, routed = true) {
  expect(response.headers.get('x-request-id')).toMatch(uuid);
  expect(response.headers.get('x-b3-traceid')).toMatch(/^[0-9a-f]{32}$/);
  expect(response.headers.get('x-b3-spanid')).toMatch(/^[0-9a-f]{16}$/);
  const serviceTime = response.headers.get('x-envoy-upstream-service-time');
  if (routed) expect(serviceTime).toMatch(/^\d+$/);
  else expect(serviceTime).toBeNull();
}

describe('gateway response headers', () => {
  it.each([
    ['chat-generations', chat, chatBody, 200],
    ['generations', '/models/sfdc_ai__DefaultGPT4OmniMini/generations', { prompt: 'hi' }, 200],
    ['embeddings', '/models/sfdc_ai__DefaultOpenAITextEmbeddingAda_002/embeddings', { input: ['hi'] }, 200],
    ['feedback', '/feedback', { id: 'fb-1', generationId: 'g-1' }, 202],
    ['a missing field', chat, {}, 400],
    ['an unknown model', '/models/sfdc_ai__Nope/chat-generations', chatBody, 404],
  ])('puts a fresh x-request-id and trace ids on %s', async (_label, path, body, status) => {
    const first = await client.post(path, { token, body });
    const second = await client.post(path, { token, body });
    expect([first.status, second.status]).toEqual([status, status]);
    expectGatewayHeaders(first);
    expect(first.headers.get('x-request-id')).not.toBe(second.headers.get('x-request-id'));
  });

  it('puts them on rejections before the endpoint: a bad token, malformed JSON, a rate limit, a fault', async () => {
    expectGatewayHeaders(await client.post(chat, { token: null, body: chatBody }));
    const malformed = await client.post(chat, { token, body: '{"messages": [' });
    expect(malformed.status).toBe(400);
    expectGatewayHeaders(malformed);
    simulator.setRateLimit('chat-generations', { limit: 0, windowMs: 60_000 });
    const limited = await client.post(chat, { token, body: chatBody });
    expect(limited.status).toBe(429);
    expectGatewayHeaders(limited);
    simulator.setRateLimit('chat-generations', { limit: 10, windowMs: 60_000 });
    simulator.injectFault({ status: 503, body: 'non-json' });
    expectGatewayHeaders(await client.post(chat, { token, body: chatBody }));
  });

  it('puts the ids but no upstream time on an unroutable path', async () => {
    const response = await fetch(`${simulator.apiBaseUrl}/models`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(404);
    expectGatewayHeaders(response, false);
  });

  it('leaves the native surface and the token endpoint alone', async () => {
    const native = await fetch(`${simulator.nativeBaseUrl}/nowhere`, { method: 'POST', body: '{}' });
    const tokenResponse = await fetch(simulator.tokenUrl, { method: 'POST', body: 'grant_type=x' });
    for (const response of [native, tokenResponse]) expect(response.headers.get('x-request-id')).toBeNull();
  });
});

describe('chat generation timestamp unit', () => {
  async function readTimestamp(): Promise<number> {
    const body = await readJson(await client.post(chat, { token, body: chatBody }));
    return body.generationDetails.generations[0].timestamp;
  }

  it('is seconds by default, milliseconds when switched, and seconds again after a reset', async () => {
    expect(await readTimestamp()).toBe(1_760_621_502);
    simulator.setTimestampUnit('milliseconds');
    expect(await readTimestamp()).toBe(clock.now);
    simulator.reset();
    expect(await readTimestamp()).toBe(1_760_621_502);
  });

  it('can start in milliseconds', async () => {
    const other = await startSimulator({ timestampUnit: 'milliseconds', clock: () => clock.now });
    try {
      const response = await createSimulatorClient(other).post(chat, { body: chatBody });
      expect((await readJson(response)).generationDetails.generations[0].timestamp).toBe(clock.now);
    } finally {
      await other.close();
    }
  });
});
