import { describe, expect, it } from 'vitest';
import { createLogCapture } from './log-capture.ts';
import type { ReplyRequest } from './reply-request.ts';
import { startSimulator } from './simulator.ts';
import { createSimulatorClient, readJson } from './simulator-client.ts';
import { defaultClientId, defaultClientSecret } from './simulator-settings.ts';
import { startSimulatorUnderTest } from './simulator-under-test.fixtures.ts';

const { simulator, client } = await startSimulatorUnderTest({
  requestLogSize: 3,
  extraModels: [
    { name: 'sfdc_ai__Priya_Support_Config', kind: 'chat', family: 'bedrock', providerModel: 'custom-x' },
  ],
});
const token = await client.fetchToken();

const chatPath = '/models/sfdc_ai__DefaultGPT4OmniMini/chat-generations';
const generationsPath = '/models/sfdc_ai__DefaultGPT4OmniMini/generations';

async function chatReply(content: string, path = chatPath): Promise<string> {
  const body = await readJson(
    await client.post(path, { token, body: { messages: [{ role: 'user', content }] } }),
  );
  return body.generationDetails.generations[0].content;
}

async function generationReply(prompt: string): Promise<{ text: string; finishReason: string }> {
  const body = await readJson(await client.post(generationsPath, { token, body: { prompt } }));
  return { text: body.generation.generatedText, finishReason: body.generation.parameters.finish_reason };
}

describe('start-up', () => {
  it('exposes its URLs and the default credentials', () => {
    expect(simulator.port).toBeGreaterThan(0);
    expect(simulator.url).toBe(`http://127.0.0.1:${simulator.port}`);
    expect(simulator.tokenUrl).toBe(`${simulator.url}/services/oauth2/token`);
    expect(simulator.apiBaseUrl).toBe(`${simulator.url}/einstein/platform/v1`);
    expect([simulator.clientId, simulator.clientSecret]).toEqual([defaultClientId, defaultClientSecret]);
  });

  it('advertises a configured public URL in token responses', async () => {
    const behindProxy = await startSimulator({ publicUrl: 'https://sim.example.test/' });
    try {
      expect(behindProxy.url).toBe('https://sim.example.test');
      expect(behindProxy.apiBaseUrl).toBe('https://sim.example.test/einstein/platform/v1');
      const form = new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: defaultClientId,
        client_secret: defaultClientSecret,
      });
      const local = `http://127.0.0.1:${behindProxy.port}/services/oauth2/token`;
      const body = await readJson(await fetch(local, { method: 'POST', body: form }));
      expect([body.instance_url, body.api_instance_url]).toEqual([
        'https://sim.example.test',
        'https://sim.example.test',
      ]);
    } finally {
      await behindProxy.close();
    }
  });

  it('serves extra models next to the Salesforce ones', async () => {
    expect(simulator.modelNames()).toContain('sfdc_ai__Priya_Support_Config');
    expect(simulator.modelNames()).toContain('sfdc_ai__DefaultBedrockAnthropicClaude45Sonnet');
    expect(await chatReply('hello', '/models/sfdc_ai__Priya_Support_Config/chat-generations')).toBe(
      'Simulated reply to: hello',
    );
  });
});

describe('scripted replies', () => {
  it('serves queued replies first in first out across both generation endpoints', async () => {
    simulator.enqueueReplies('first', { text: 'second', finishReason: 'length' }, 'third');
    expect(await chatReply('a')).toBe('first');
    expect(await generationReply('b')).toEqual({ text: 'second', finishReason: 'length' });
    expect(await chatReply('c')).toBe('third');
    expect(await chatReply('d')).toBe('Simulated reply to: d');
  });

  it('asks the responder when the queue is empty, with the conversation and the served model', async () => {
    const seen: ReplyRequest[] = [];
    simulator.setResponder((request) => {
      seen.push(request);
      return `echo ${request.messages.map((message) => message.role).join(',')}`;
    });
    const response = await client.post('/models/sfdc_ai__DefaultOpenAIGPT35Turbo/chat-generations', {
      token,
      body: {
        messages: [
          { role: 'system', content: 'be brief' },
          { role: 'user', content: 'hi' },
        ],
        tags: { useCase: 'x' },
      },
    });
    expect((await readJson(response)).generationDetails.generations[0].content).toBe('echo system,user');
    expect(await generationReply('prompt text')).toEqual({ text: 'echo user', finishReason: 'stop' });
    expect(seen[0]).toMatchObject({
      endpoint: 'chat-generations',
      model: 'sfdc_ai__DefaultOpenAIGPT35Turbo',
      servedModel: 'sfdc_ai__DefaultOpenAIGPT4OmniMini',
      body: { tags: { useCase: 'x' } },
    });
    expect(seen[1]?.messages).toEqual([{ role: 'user', content: 'prompt text' }]);
    simulator.setResponder(undefined);
    expect(await chatReply('back')).toBe('Simulated reply to: back');
  });

  it('turns a responder that throws into a logged 500 INTERNAL_ERROR', async () => {
    const failing = createLogCapture();
    const other = await startSimulator({ logger: failing.logger });
    try {
      other.setResponder(() => {
        throw new Error('scripted failure');
      });
      const response = await createSimulatorClient(other).post(chatPath, {
        body: { messages: [{ role: 'user', content: 'x' }] },
      });
      expect(response.status).toBe(500);
      expect(await readJson(response)).toMatchObject({ errorCode: 'INTERNAL_ERROR', messageCode: 'E00077' });
      expect(failing.problems()).toEqual(['simulator failed to handle a request']);
    } finally {
      await other.close();
    }
  });
});

describe('request log', () => {
  it('records the body and headers of what the client sent, newest last, up to the configured size', async () => {
    for (const content of ['one', 'two', 'three', 'four']) await chatReply(content);
    const recorded = simulator.requests('chat-generations');
    expect(
      recorded.map((request) => (request.body as { messages: { content: string }[] }).messages[0]?.content),
    ).toEqual(['two', 'three', 'four']);
    expect(recorded[2]).toMatchObject({
      method: 'POST',
      url: `/einstein/platform/v1${chatPath}`,
      model: 'sfdc_ai__DefaultGPT4OmniMini',
      headers: {
        authorization: `Bearer ${token}`,
        'x-sfdc-app-context': 'EinsteinGPT',
        'x-client-feature-id': 'ai-platform-models-connected-app',
      },
    });
    expect(simulator.requests('embeddings')).toEqual([]);
    simulator.clearRequests();
    expect(simulator.requests('chat-generations')).toEqual([]);
  });
});

describe('counters', () => {
  it('counts calls per endpoint and rejections by cause', async () => {
    await client.fetchToken();
    await chatReply('x');
    await generationReply('y');
    await client.post('/models/sfdc_ai__DefaultOpenAITextEmbeddingAda_002/embeddings', {
      token,
      body: { input: ['z'] },
    });
    await client.post('/feedback', { token, body: { id: 'f', generationId: 'g' } });
    await client.post(chatPath, { token: 'opaque', body: {} });
    simulator.setRateLimit('feedback', { limit: 0, windowMs: 60_000 });
    await client.post('/feedback', { token, body: { id: 'f', generationId: 'g' } });
    simulator.injectFault({ status: 500 });
    await client.post(chatPath, { token, body: { messages: [{ role: 'user', content: 'x' }] } });
    expect(simulator.counters()).toEqual({
      tokenRequests: 1,
      tokenFailures: 0,
      generations: 1,
      chatGenerations: 3,
      embeddings: 1,
      feedback: 2,
      nativeRequests: 0,
      unauthorized: 1,
      rateLimited: 1,
      faultsServed: 1,
      abandoned: 0,
    });
    simulator.resetCounters();
    expect(Object.values(simulator.counters()).every((count) => count === 0)).toBe(true);
  });

  it('returns a snapshot, not live state', async () => {
    const before = simulator.counters();
    await chatReply('x');
    expect(before.chatGenerations).toBe(0);
    expect(simulator.counters().chatGenerations).toBe(1);
  });
});

describe('reset', () => {
  it('restores controls, queues and limits but keeps issued tokens valid', async () => {
    simulator.enqueueReplies('stale');
    simulator.injectFault({ status: 503, count: 5 });
    simulator.setRequireAppHeaders(false);
    simulator.setRateLimit('chat-generations', { limit: 0, windowMs: 60_000 });
    simulator.setSlowMode(5_000);
    simulator.reset();
    expect(await chatReply('fresh')).toBe('Simulated reply to: fresh');
    const withoutHeaders = await client.post(chatPath, {
      token,
      body: { messages: [{ role: 'user', content: 'x' }] },
      headers: { 'x-sfdc-app-context': undefined },
    });
    expect(withoutHeaders.status).toBe(400);
  });
});
