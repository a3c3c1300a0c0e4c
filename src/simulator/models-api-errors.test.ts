import { describe, expect, it } from 'vitest';
import { startSimulator } from './simulator.ts';
import { createSimulatorClient, readJson } from './simulator-client.ts';
import { startSimulatorUnderTest } from './simulator-under-test.fixtures.ts';

const { simulator, client } = await startSimulatorUnderTest({ reset: false });
const token = await client.fetchToken();

const chat = '/models/sfdc_ai__DefaultGPT4OmniMini/chat-generations';
const generations = '/models/sfdc_ai__DefaultGPT4OmniMini/generations';
const embeddings = '/models/sfdc_ai__DefaultOpenAITextEmbeddingAda_002/embeddings';

describe('request validation', () => {
  it.each([
    ['generations without prompt', generations, { localization: { defaultLocale: 'en_US' } }, ['prompt']],
    ['chat without messages', chat, { prompt: 'hi' }, ['messages']],
    ['chat without a role', chat, { messages: [{ content: 'hi' }] }, ['messages', 0, 'role']],
    ['embeddings without input', embeddings, { text: ['hi'] }, ['input']],
    ['feedback without generationId', '/feedback', { id: 'fb-1' }, ['generationId']],
    [
      'localization without defaultLocale',
      generations,
      { prompt: 'hi', localization: { expectedLocales: ['fr'] } },
      ['localization', 'defaultLocale'],
    ],
  ])('rejects %s with REQUIRED_FIELD_MISSING naming the field', async (_label, path, body, field) => {
    const response = await client.post(path, { token, body });
    expect(response.status).toBe(400);
    const reference = `$${field.map((step) => (typeof step === 'number' ? `[${step}]` : `['${step}']`)).join('')}`;
    expect(await readJson(response)).toEqual({
      errorCode: 'REQUIRED_FIELD_MISSING',
      messageCode: 'E00001',
      message: `Field is required: ${field.join('.')}`,
      targets: [{ type: 'FIELD', reference }],
    });
  });

  it.each([
    ['generations with a numeric prompt', generations, { prompt: 42 }, 'prompt'],
    ['chat with no messages', chat, { messages: [] }, 'messages'],
    [
      'chat with array content',
      chat,
      { messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] },
      'messages.0.content',
    ],
    ['chat with a tool role', chat, { messages: [{ role: 'tool', content: 'result' }] }, 'messages.0.role'],
    ['chat with null content', chat, { messages: [{ role: 'user', content: null }] }, 'messages.0.content'],
    ['embeddings with a bare string', embeddings, { input: 'hi' }, 'input'],
    ['embeddings with a number', embeddings, { input: ['ok', 7] }, 'input.1'],
    ['a JSON array body', chat, [{ role: 'user', content: 'hi' }], 'body'],
  ])('rejects %s with BAD_ARGUMENT naming the field', async (_label, path, body, field) => {
    const response = await client.post(path, { token, body });
    expect(response.status).toBe(400);
    const error = await readJson(response);
    expect(error).toEqual({ errorCode: 'BAD_ARGUMENT', messageCode: 'E30020', message: expect.any(String) });
    expect(error.message).toContain(field);
  });

  it.each([
    ['malformed JSON', 'application/json', '{"messages": ['],
    ['an empty JSON body', 'application/json', ''],
    ['plain text', 'text/plain', 'hello'],
  ])('rejects %s with BAD_ARGUMENT', async (_label, contentType, body) => {
    const response = await client.post(chat, { token, body, headers: { 'content-type': contentType } });
    expect(response.status).toBe(400);
    expect(await readJson(response)).toMatchObject({ errorCode: 'BAD_ARGUMENT', messageCode: 'E30020' });
  });
});

describe('model lookup', () => {
  it('answers an unknown model with 404 NOT_FOUND naming it', async () => {
    const response = await client.post('/models/sfdc_ai__DefaultOpenAIGPT4Omni/chat-generations', {
      token,
      body: { messages: [{ role: 'user', content: 'hi' }] },
    });
    expect(response.status).toBe(404);
    const error = await readJson(response);
    expect(error.errorCode).toBe('NOT_FOUND');
    expect(error.message).toContain('sfdc_ai__DefaultOpenAIGPT4Omni');
  });

  it('refuses embeddings on a chat model and generations on an embeddings model', async () => {
    const onChat = await client.post('/models/sfdc_ai__DefaultGPT4OmniMini/embeddings', {
      token,
      body: { input: ['hi'] },
    });
    const onEmbedding = await client.post('/models/sfdc_ai__DefaultOpenAITextEmbeddingAda_002/generations', {
      token,
      body: { prompt: 'hi' },
    });
    for (const response of [onChat, onEmbedding]) {
      expect(response.status).toBe(400);
      expect((await readJson(response)).errorCode).toBe('BAD_ARGUMENT');
    }
  });

  it('uses the configured status for the wrong kind of model', async () => {
    const other = await startSimulator({ wrongModelKindStatus: 404 });
    try {
      const otherClient = createSimulatorClient(other);
      const response = await otherClient.post('/models/sfdc_ai__DefaultGPT4Omni/embeddings', {
        body: { input: ['hi'] },
      });
      expect(response.status).toBe(404);
      expect((await readJson(response)).errorCode).toBe('NOT_FOUND');
    } finally {
      await other.close();
    }
  });
});

describe('routing', () => {
  it.each([
    ['a list-models call', 'GET', '/einstein/platform/v1/models'],
    [
      'GET on a generation route',
      'GET',
      '/einstein/platform/v1/models/sfdc_ai__DefaultGPT4OmniMini/chat-generations',
    ],
    ['an unknown operation', 'POST', '/einstein/platform/v1/models/sfdc_ai__DefaultGPT4OmniMini/completions'],
    ['a path the native surface does not serve', 'POST', '/ai/gpt/v1/embeddings'],
  ])('answers %s with an empty 404', async (_label, method, path) => {
    const response = await fetch(`${simulator.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}` },
      body: method === 'POST' ? '{}' : undefined,
    });
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('');
  });
});
