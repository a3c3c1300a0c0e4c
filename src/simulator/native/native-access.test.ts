import { describe, expect, it } from 'vitest';
import { readJson } from '../simulator-client.ts';
import { startSimulatorUnderTest } from '../simulator-under-test.fixtures.ts';
import { postNative } from './native-client.fixtures.ts';

let now = Date.parse('2026-06-01T00:00:00Z');
const { simulator, client } = await startSimulatorUnderTest({ clock: () => now });
const token = await client.fetchToken();

const sonnet = 'sfdc_ai__DefaultBedrockAnthropicClaude46Sonnet';
const bedrockBody = {
  anthropic_version: 'bedrock-2023-05-31',
  max_tokens: 16,
  messages: [{ role: 'user', content: 'hi' }],
};
const chatBody = (model: string) => ({ model, messages: [{ role: 'user', content: 'hi' }] });

describe('tokens and headers', () => {
  it('answers a non-JWT token with an empty 404 and an unknown JWT with 401', async () => {
    const opaque = await postNative(simulator, `/model/${sonnet}/invoke`, {
      token: '00Dxx!opaque',
      body: bedrockBody,
    });
    expect([opaque.status, await opaque.text()]).toEqual([404, '']);
    const forged = `${token.split('.').slice(0, 2).join('.')}.c2lnbmF0dXJl`;
    const unknown = await postNative(simulator, '/responses', {
      token: forged,
      body: { model: 'x', input: 'x' },
    });
    expect(unknown.status).toBe(401);
    expect(
      (await postNative(simulator, '/chat/generations', { token: null, body: chatBody('x') })).status,
    ).toBe(401);
    expect(simulator.counters().unauthorized).toBe(3);
  });

  it('answers an expired token with 401', async () => {
    const shortLived = await client.fetchToken();
    now += 31 * 60 * 1000;
    const response = await postNative(simulator, `/model/${sonnet}/invoke`, {
      token: shortLived,
      body: bedrockBody,
    });
    expect(response.status).toBe(401);
  });

  it('ignores unknown headers and missing app headers unless told to require them', async () => {
    const fresh = await client.fetchToken();
    const headers = { 'x-claude-code-session-id': 'abc', 'x-sfdc-app-context': 'Other' };
    const path = `/model/${sonnet}/invoke`;
    expect((await postNative(simulator, path, { token: fresh, body: bedrockBody, headers })).status).toBe(
      200,
    );
    simulator.setNativeSettings({ requireAppHeaders: true });
    const rejected = await postNative(simulator, path, { token: fresh, body: bedrockBody, headers });
    expect(rejected.status).toBe(400);
    expect((await readJson(rejected)).message).toContain('x-sfdc-app-context');
  });
});

describe('routing and the model table', () => {
  it.each([
    ['a GPT alias on the Bedrock route', '/model/sfdc_ai__DefaultGPT54/invoke', bedrockBody],
    [
      'a Gemini alias on /responses',
      '/responses',
      { model: 'sfdc_ai__DefaultVertexAIGeminiPro25', input: 'x' },
    ],
    ['a Claude alias on /responses', '/responses', { model: sonnet, input: 'x' }],
    ['an unknown alias', '/chat/generations', chatBody('sfdc_ai__DefaultNoSuchModel')],
    ['an embedding model', '/chat/generations', chatBody('sfdc_ai__DefaultOpenAITextEmbeddingAda_002')],
  ])('answers %s with 404', async (_label, path, body) => {
    const fresh = await client.fetchToken();
    expect((await postNative(simulator, path, { token: fresh, body })).status).toBe(404);
  });

  it('serves Claude, GPT and Gemini aliases on /chat/generations', async () => {
    const fresh = await client.fetchToken();
    for (const model of [sonnet, 'sfdc_ai__DefaultGPT54', 'sfdc_ai__DefaultVertexAIGeminiPro25']) {
      expect(
        (await postNative(simulator, '/chat/generations', { token: fresh, body: chatBody(model) })).status,
      ).toBe(200);
    }
  });

  it('answers a bare provider id with "model not available", 404 unless configured', async () => {
    const fresh = await client.fetchToken();
    const bare = await postNative(simulator, '/model/claude-sonnet-4-6/invoke', {
      token: fresh,
      body: bedrockBody,
    });
    expect(bare.status).toBe(404);
    expect((await readJson(bare)).message).toContain('model not available');
    simulator.setNativeSettings({ modelNotAvailableStatus: 400 });
    const configured = await postNative(simulator, '/chat/generations', {
      token: fresh,
      body: chatBody('gpt-5.4'),
    });
    expect(configured.status).toBe(400);
  });

  it('answers other paths under /ai/gpt/v1 with an empty 404', async () => {
    const fresh = await client.fetchToken();
    for (const path of ['/model/x/converse', '/generations', '/responses/compact']) {
      const response = await postNative(simulator, path, { token: fresh, body: {} });
      expect([response.status, await response.text()]).toEqual([404, '']);
    }
  });
});

describe('recording', () => {
  it('records path, headers and body per native route, and counts native requests', async () => {
    const fresh = await client.fetchToken();
    await postNative(simulator, '/chat/generations/stream', { token: fresh, body: chatBody(sonnet) });
    await postNative(simulator, '/responses', {
      token: fresh,
      body: { model: 'sfdc_ai__DefaultGPT54', input: 'q' },
    });
    const [streamed] = simulator.requests('chat/generations/stream');
    expect(streamed).toMatchObject({
      method: 'POST',
      url: '/ai/gpt/v1/chat/generations/stream',
      model: sonnet,
      body: chatBody(sonnet),
    });
    expect(streamed?.headers.authorization).toBe(`Bearer ${fresh}`);
    expect(simulator.requests('responses')[0]?.body).toEqual({ model: 'sfdc_ai__DefaultGPT54', input: 'q' });
    expect(simulator.counters().nativeRequests).toBe(2);
  });
});
