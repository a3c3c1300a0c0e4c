import { describe, expect, it } from 'vitest';
import { readJson } from './simulator-client.ts';
import { startSimulatorUnderTest } from './simulator-under-test.fixtures.ts';

const clock = { now: Date.UTC(2026, 6, 1, 9, 15, 30, 456) };
const { simulator, client } = await startSimulatorUnderTest({ clock: () => clock.now });
const token = await client.fetchToken();

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const chatModel = 'sfdc_ai__DefaultGPT4OmniMini';
const embeddingModel = 'sfdc_ai__DefaultOpenAITextEmbeddingAda_002';

function post(path: string, body: unknown) {
  return client.post(path, { token, body });
}

function expectedContentQuality() {
  const categories = ['identity', 'hate', 'profanity', 'violence', 'sexual', 'physical'].map(
    (categoryName) => ({
      categoryName,
      score: expect.any(Number),
    }),
  );
  return { scanToxicity: { isDetected: false, categories } };
}

function expectedOpenAiUsage(promptTokens: number, completionTokens: number) {
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
  };
}

describe('chat-generations', () => {
  const messages = [
    { role: 'system', content: 'You are a concise assistant for a field-service team.' },
    { role: 'user', content: 'Give me two checks before replacing a heat-pump compressor.' },
  ];

  it('answers the section 3.3 shape with a reply derived from the last user message', async () => {
    const response = await post(`/models/${chatModel}/chat-generations`, { messages });
    expect(response.status).toBe(200);
    const body = await readJson(response);
    const reply = `Simulated reply to: ${messages[1]?.content}`;
    const promptCharacters = messages.reduce((total, message) => total + message.content.length, 0);
    expect(body).toEqual({
      id: expect.stringMatching(/^chatcmpl-[A-Za-z0-9_-]{29}$/),
      generationDetails: {
        generations: [
          {
            id: expect.stringMatching(uuidPattern),
            role: 'assistant',
            content: reply,
            timestamp: Math.floor(clock.now / 1000),
            parameters: { finish_reason: 'stop', refusal: null, index: 0, logprobs: null },
            contentQuality: expectedContentQuality(),
          },
        ],
        parameters: {
          created: Math.floor(clock.now / 1000),
          usage: expectedOpenAiUsage(Math.ceil(promptCharacters / 4), Math.ceil(reply.length / 4)),
          model: 'gpt-4o-mini-2024-07-18',
          system_fingerprint: expect.stringMatching(/^fp_/),
          object: 'chat.completion',
        },
      },
    });
  });

  it('uses fresh ids on every call and ignores unknown fields', async () => {
    const extra = { messages, tools: [{ type: 'function' }], temperature: 0.2, max_tokens: 5, stream: true };
    const first = await readJson(await post(`/models/${chatModel}/chat-generations`, extra));
    const second = await readJson(await post(`/models/${chatModel}/chat-generations`, extra));
    expect(second.id).not.toBe(first.id);
    expect(second.generationDetails.generations[0].id).not.toBe(first.generationDetails.generations[0].id);
  });

  it('reports camelCase usage for a Bedrock model, switchable to snake_case', async () => {
    const path = '/models/sfdc_ai__DefaultBedrockAnthropicClaude45Sonnet/chat-generations';
    const camel = await readJson(await post(path, { messages: [{ role: 'user', content: 'abcdefgh' }] }));
    const reply = 'Simulated reply to: abcdefgh';
    expect(camel.generationDetails.parameters.usage).toEqual({
      inputTokenCount: 2,
      outputTokenCount: Math.ceil(reply.length / 4),
      totalTokenCount: 2 + Math.ceil(reply.length / 4),
    });
    expect(camel.generationDetails.parameters.model).toMatch(/^anthropic\.claude-sonnet-4-5/);
    simulator.setUsageStyle('sfdc_ai__DefaultBedrockAnthropicClaude45Sonnet', 'snake_case');
    const snake = await readJson(await post(path, { messages: [{ role: 'user', content: 'abcdefgh' }] }));
    expect(snake.generationDetails.parameters.usage).toEqual(
      expectedOpenAiUsage(2, Math.ceil(reply.length / 4)),
    );
  });

  it('serves a rerouted name with the replacement model', async () => {
    const response = await post('/models/sfdc_ai__DefaultOpenAIGPT4/chat-generations', { messages });
    expect(response.status).toBe(200);
    expect((await readJson(response)).generationDetails.parameters.model).toBe('gpt-4o-2024-11-20');
  });
});

describe('generations', () => {
  it('answers the section 3.2 shape', async () => {
    const prompt = 'Write a one-sentence welcome message for a new Gold-tier customer named Priya.';
    const response = await post(`/models/${chatModel}/generations`, {
      prompt,
      localization: { defaultLocale: 'en_US', expectedLocales: ['en_US'] },
      tags: { useCase: 'welcome' },
    });
    expect(response.status).toBe(200);
    const reply = `Simulated reply to: ${prompt}`;
    expect(await readJson(response)).toEqual({
      id: expect.stringMatching(/^chatcmpl-/),
      generation: {
        id: expect.stringMatching(uuidPattern),
        generatedText: reply,
        contentQuality: expectedContentQuality(),
        parameters: { finish_reason: 'stop', refusal: null, index: 0, logprobs: null },
      },
      moreGenerations: null,
      prompt: null,
      parameters: {
        created: Math.floor(clock.now / 1000),
        usage: expectedOpenAiUsage(Math.ceil(prompt.length / 4), Math.ceil(reply.length / 4)),
        model: 'gpt-4o-mini-2024-07-18',
        system_fingerprint: expect.stringMatching(/^fp_/),
        object: 'chat.completion',
      },
    });
  });

  it('reports camelCase usage for a Vertex model', async () => {
    const body = await readJson(
      await post('/models/sfdc_ai__DefaultVertexAIGemini25Flash001/generations', { prompt: 'hi' }),
    );
    expect(Object.keys(body.parameters.usage).sort()).toEqual([
      'inputTokenCount',
      'outputTokenCount',
      'totalTokenCount',
    ]);
  });
});

describe('embeddings', () => {
  const input = ['Reset password for portal user', 'Portal login is failing'];

  it('answers one normalised 1536-value vector per input, in order', async () => {
    const response = await post(`/models/${embeddingModel}/embeddings`, { input });
    expect(response.status).toBe(200);
    const body = await readJson(response);
    expect(body.embeddings.map((entry: { index: number }) => entry.index)).toEqual([0, 1]);
    for (const { embedding } of body.embeddings) {
      expect(embedding).toHaveLength(1536);
      expect(Math.hypot(...embedding)).toBeCloseTo(1, 8);
    }
    expect(body.parameters).toEqual({
      model: 'text-embedding-ada-002',
      object: 'list',
      usage: {
        prompt_tokens: input.reduce((total, text) => total + Math.ceil(text.length / 4), 0),
        total_tokens: input.reduce((total, text) => total + Math.ceil(text.length / 4), 0),
      },
    });
  });

  it('returns the same vector for the same text on every call and model', async () => {
    const first = await readJson(await post(`/models/${embeddingModel}/embeddings`, { input: [input[0]] }));
    const azure = '/models/sfdc_ai__DefaultAzureOpenAITextEmbeddingAda_002/embeddings';
    const second = await readJson(await post(azure, { input: [input[1], input[0]] }));
    expect(second.embeddings[1].embedding).toEqual(first.embeddings[0].embedding);
    expect(second.embeddings[0].embedding).not.toEqual(first.embeddings[0].embedding);
  });
});

describe('feedback', () => {
  it('accepts feedback with 202', async () => {
    const response = await post('/feedback', {
      id: 'fb-1',
      generationId: 'b8e1d7a2-46c3-4f0a-9a5e-71c2d3f40e19',
      feedback: 'BAD',
      appFeedback: { rating: 2 },
    });
    expect(response.status).toBe(202);
    expect(await readJson(response)).toEqual({ message: 'Feedback accepted' });
  });
});
