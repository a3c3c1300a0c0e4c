import Fastify, { type FastifyInstance } from 'fastify';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayError } from '../../core/errors.ts';
import type { ChatResult, TextGenerationRequest } from '../../core/model.ts';
import { simulateStream } from '../../streaming/simulate-stream.ts';
import { registerOpenAIRoutes } from './routes.ts';

// The official OpenAI SDK against /v1/embeddings, /v1/completions and /v1/feedback on a real socket.

// float32-exact values, so the base64 and float answers must match exactly; 1536 like ada-002.
const vectorFor = (text: string): number[] =>
  Array.from({ length: 1536 }, (_, index) => Math.fround(((index % 97) - 48) / (text.length + 7)));

function answerFor(request: TextGenerationRequest): ChatResult {
  return {
    id: 'chatcmpl-Up9',
    generationId: 'b8e1d7a2-46c3-4f0a-9a5e-71c2d3f40e19',
    servedModel: 'sfdc_ai__Up',
    created: 1_760_000_000,
    content: [{ type: 'text', text: `${request.prompt} there lived a gateway.` }],
    finishReason: { unified: 'stop', raw: 'stop' },
    usage: { inputTokens: 4, outputTokens: 6, totalTokens: 10 },
  };
}

function notCalled(): never {
  throw new Error('not called by these tests');
}

let app: FastifyInstance;
let client: OpenAI;
const encodingFormats: unknown[] = [];

beforeAll(async () => {
  app = Fastify();
  // Records the encoding each SDK call asked for, to prove which path it took.
  app.addHook('preHandler', async (request) => {
    if (request.url === '/v1/embeddings') {
      encodingFormats.push((request.body as { encoding_format?: unknown }).encoding_format);
    }
  });
  registerOpenAIRoutes(app, {
    pipeline: {
      chat: notCalled,
      streamChat: notCalled,
      async generate(request) {
        return answerFor(request);
      },
      streamGenerate(request) {
        if (request.model !== 'my-model') {
          throw new GatewayError('not_found', `The model '${request.model}' does not exist.`, {
            param: 'model',
            code: 'model_not_found',
          });
        }
        return simulateStream(answerFor(request));
      },
      async embed(request) {
        return {
          servedModel: 'text-embedding-ada-002',
          vectors: request.input.map(vectorFor),
          usage: { inputTokens: 3, outputTokens: 0, totalTokens: 3 },
        };
      },
      async submitFeedback() {
        return { message: 'Feedback accepted' };
      },
    },
    keepAliveMs: 10_000,
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  client = new OpenAI({ apiKey: 'test-key', baseURL: `${address}/v1`, maxRetries: 0 });
});

afterAll(async () => {
  await app.close();
});

describe('the official OpenAI SDK: embeddings', () => {
  it('decodes the default (base64) and the float answers to the same full-length vectors', async () => {
    encodingFormats.length = 0;
    const input = ['Reset password for portal user', 'Portal login is failing'];
    const byDefault = await client.embeddings.create({ model: 'my-embedder', input });
    const asFloats = await client.embeddings.create({
      model: 'my-embedder',
      input,
      encoding_format: 'float',
    });
    // the SDK asks for base64 unless told otherwise, then decodes it itself
    expect(encodingFormats).toEqual(['base64', 'float']);
    for (const response of [byDefault, asFloats]) {
      expect(response.model).toBe('my-embedder');
      expect(response.usage).toEqual({ prompt_tokens: 3, total_tokens: 3 });
      expect(response.data.map((item) => item.index)).toEqual([0, 1]);
      expect(response.data.map((item) => item.embedding)).toEqual(input.map(vectorFor));
    }
    expect(byDefault.data[0]?.embedding).toHaveLength(1536);
  });

  it('surfaces a dimensions mismatch as BadRequestError naming dimensions', async () => {
    const failure = client.embeddings.create({ model: 'my-embedder', input: 'x', dimensions: 256 });
    await expect(failure).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    await expect(failure).rejects.toMatchObject({ param: 'dimensions', code: 'unsupported_value' });
  });
});

describe('the official OpenAI SDK: legacy completions', () => {
  it('gets a completion, with the generation id in a response header', async () => {
    const { data, response } = await client.completions
      .create({ model: 'my-model', prompt: 'Once upon a time', max_tokens: 20 })
      .withResponse();
    expect(data.object).toBe('text_completion');
    expect(data.model).toBe('my-model');
    expect(data.choices[0]?.text).toBe('Once upon a time there lived a gateway.');
    expect(data.choices[0]?.finish_reason).toBe('stop');
    expect(data.usage?.total_tokens).toBe(10);
    expect(response.headers.get('x-sfgw-generation-id')).toBe('b8e1d7a2-46c3-4f0a-9a5e-71c2d3f40e19');
  });

  it('streams a completion with its usage', async () => {
    const stream = await client.completions.create({
      model: 'my-model',
      prompt: 'Once upon a time',
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    const finishReasons: unknown[] = [];
    let totalTokens: number | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.text ?? '';
      if (chunk.choices[0]?.finish_reason) finishReasons.push(chunk.choices[0].finish_reason);
      if (chunk.usage) totalTokens = chunk.usage.total_tokens;
    }
    expect(text).toBe('Once upon a time there lived a gateway.');
    expect(finishReasons).toEqual(['stop']);
    expect(totalTokens).toBe(10);
  });

  it('surfaces an unknown model in a stream as NotFoundError before any chunk', async () => {
    const failure = client.completions.create({ model: 'gpt-9', prompt: 'Hi', stream: true });
    await expect(failure).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('surfaces several prompts as BadRequestError naming prompt', async () => {
    const failure = client.completions.create({ model: 'my-model', prompt: ['one', 'two'] });
    await expect(failure).rejects.toMatchObject({ status: 400, param: 'prompt', code: 'unsupported_value' });
  });
});

describe('the official OpenAI SDK: the feedback extension', () => {
  it('posts feedback through the generic client.post', async () => {
    const answer = await client.post('/feedback', {
      body: { id: 'fb-1', generation_id: 'b8e1d7a2-46c3-4f0a-9a5e-71c2d3f40e19', feedback: 'GOOD' },
    });
    expect(answer).toEqual({ object: 'feedback', status: 'accepted', message: 'Feedback accepted' });
  });
});
