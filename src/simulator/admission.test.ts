import { describe, expect, it } from 'vitest';
import { startSimulator } from './simulator.ts';
import { createSimulatorClient, readJson } from './simulator-client.ts';
import { startSimulatorUnderTest } from './simulator-under-test.fixtures.ts';

const clock = { now: Date.UTC(2026, 8, 9, 14, 0, 0) };
const { simulator, client } = await startSimulatorUnderTest({ clock: () => clock.now });

const chatPath = '/models/sfdc_ai__DefaultGPT4OmniMini/chat-generations';
const chatBody = { messages: [{ role: 'user', content: 'hi' }] };
const invalidToken = { errors: [{ message: 'Invalid token' }] };

describe('bearer token', () => {
  it('rejects a request without a token with 401', async () => {
    const response = await client.post(chatPath, { token: null, body: chatBody });
    expect(response.status).toBe(401);
    expect(await readJson(response)).toEqual(invalidToken);
  });

  it('answers an opaque (non-JWT) token with an empty 404 by default', async () => {
    const response = await client.post(chatPath, {
      token: '00DSM0000000001!AQ4AQOpaqueSession',
      body: chatBody,
    });
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('');
    expect(simulator.counters().unauthorized).toBe(1);
  });

  it('answers an opaque token with 401 when configured so', async () => {
    const strict = await startSimulator({ nonJwtTokenStatus: 401 });
    try {
      const response = await createSimulatorClient(strict).post(chatPath, {
        token: 'opaque',
        body: chatBody,
      });
      expect(response.status).toBe(401);
      expect(await readJson(response)).toEqual(invalidToken);
    } finally {
      await strict.close();
    }
  });

  it('rejects a well-formed JWT it never issued', async () => {
    const foreign = await startSimulator();
    try {
      const foreignToken = await createSimulatorClient(foreign).fetchToken();
      const response = await client.post(chatPath, { token: foreignToken, body: chatBody });
      expect(response.status).toBe(401);
    } finally {
      await foreign.close();
    }
  });

  it('rejects every token issued before revokeAllTokens, but not new ones', async () => {
    const before = await client.fetchToken();
    simulator.revokeAllTokens();
    expect((await client.post(chatPath, { token: before, body: chatBody })).status).toBe(401);
    expect((await client.post(chatPath, { body: chatBody })).status).toBe(200);
  });

  it('rejects a token once its exp has passed', async () => {
    simulator.setTokenTtlSeconds(1);
    const shortLived = await client.fetchToken();
    expect((await client.post(chatPath, { token: shortLived, body: chatBody })).status).toBe(200);
    clock.now += 1_000;
    const response = await client.post(chatPath, { token: shortLived, body: chatBody });
    expect(response.status).toBe(401);
    expect(await readJson(response)).toEqual(invalidToken);
  });

  it('rejects tokens expired on demand', async () => {
    const token = await client.fetchToken();
    simulator.expireAllTokens();
    expect((await client.post(chatPath, { token, body: chatBody })).status).toBe(401);
  });
});

describe('app headers', () => {
  it.each(['x-sfdc-app-context', 'x-client-feature-id'])('rejects a call without %s', async (header) => {
    const response = await client.post(chatPath, { body: chatBody, headers: { [header]: undefined } });
    expect(response.status).toBe(400);
    const error = await readJson(response);
    expect(error).toMatchObject({ errorCode: 'BAD_ARGUMENT', messageCode: 'E30020' });
    expect(error.message).toContain(header);
  });

  it('rejects a wrong header value, and accepts anything once the check is off', async () => {
    const headers = { 'x-sfdc-app-context': 'SomethingElse', 'x-client-feature-id': undefined };
    expect((await client.post(chatPath, { body: chatBody, headers })).status).toBe(400);
    simulator.setRequireAppHeaders(false);
    expect((await client.post(chatPath, { body: chatBody, headers })).status).toBe(200);
  });
});

describe('rate limits', () => {
  it('answers 429 with the error object and no Retry-After once the window budget is spent', async () => {
    simulator.setRateLimit('chat-generations', { limit: 2, windowMs: 60_000 });
    const token = await client.fetchToken();
    const statuses = [];
    for (let index = 0; index < 3; index += 1) {
      statuses.push((await client.post(chatPath, { token, body: chatBody })).status);
    }
    expect(statuses).toEqual([200, 200, 429]);
    const limited = await client.post(chatPath, { token, body: chatBody });
    expect(limited.headers.get('retry-after')).toBeNull();
    expect(await readJson(limited)).toMatchObject({
      errorCode: 'LIMIT_EXCEEDED',
      messageCode: 'E00001',
      message: expect.any(String),
    });
    expect(
      (
        await client.post('/models/sfdc_ai__DefaultGPT4OmniMini/generations', {
          token,
          body: { prompt: 'x' },
        })
      ).status,
    ).toBe(200);
    clock.now += 60_000;
    expect((await client.post(chatPath, { token, body: chatBody })).status).toBe(200);
    expect(simulator.counters().rateLimited).toBe(2);
  });

  it('adds Retry-After when asked to', async () => {
    simulator.setRateLimit('embeddings', { limit: 0, windowMs: 60_000 });
    simulator.setRateLimitRetryAfter(7);
    const response = await client.post('/models/sfdc_ai__DefaultOpenAITextEmbeddingAda_002/embeddings', {
      body: { input: ['x'] },
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
  });

  it('takes limits and the Retry-After toggle from the start-up options', async () => {
    const limited = await startSimulator({
      rateLimits: { feedback: { limit: 1, windowMs: 1_000 } },
      rateLimitRetryAfterSeconds: 3,
    });
    try {
      const limitedClient = createSimulatorClient(limited);
      const token = await limitedClient.fetchToken();
      const body = { id: 'fb', generationId: 'g' };
      expect((await limitedClient.post('/feedback', { token, body })).status).toBe(202);
      const refused = await limitedClient.post('/feedback', { token, body });
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('3');
    } finally {
      await limited.close();
    }
  });
});
