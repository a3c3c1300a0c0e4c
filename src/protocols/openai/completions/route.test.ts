import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../../../core/errors.ts';
import type { ChatResult, StreamEvent, TextGenerationRequest } from '../../../core/model.ts';
import { simulateStream } from '../../../streaming/simulate-stream.ts';
import { SseDecoder } from '../../../streaming/sse.ts';
import { type OpenAIRouteDependencies, registerOpenAIRoutes } from '../routes.ts';

type Pipeline = OpenAIRouteDependencies['pipeline'];

const answer: ChatResult = {
  id: 'chatcmpl-Up1',
  generationId: '5f0c2b6e-8d41-4a9e-b3f7-2c1e90d4a6b8',
  servedModel: 'sfdc_ai__Up',
  created: 1_760_000_000,
  content: [{ type: 'text', text: ' there lived a gateway.' }],
  finishReason: { unified: 'stop', raw: 'stop' },
  usage: { inputTokens: 4, outputTokens: 6, totalTokens: 10 },
};

function notCalled(): never {
  throw new Error('not called by the completions route');
}

let app: FastifyInstance | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function buildApp(overrides: Partial<Pipeline> = {}) {
  const requests: TextGenerationRequest[] = [];
  const pipeline: Pipeline = {
    chat: notCalled,
    streamChat: notCalled,
    embed: notCalled,
    submitFeedback: notCalled,
    async generate(request, context) {
      requests.push(structuredClone(request));
      // the real pipeline reports the settings the upstream cannot honour as warnings
      if (request.maxOutputTokens !== undefined) {
        context.onWarning?.({ type: 'ignored-setting', setting: 'maxOutputTokens' });
      }
      return answer;
    },
    streamGenerate(request, context) {
      requests.push(structuredClone(request));
      if (request.maxOutputTokens !== undefined) {
        context.onWarning?.({ type: 'ignored-setting', setting: 'maxOutputTokens' });
      }
      return simulateStream(answer);
    },
    ...overrides,
  };
  app = Fastify();
  registerOpenAIRoutes(app, { pipeline, keepAliveMs: 10_000 });
  await app.ready();
  return { app, requests };
}

function post(instance: FastifyInstance, body: unknown) {
  return instance.inject({ method: 'POST', url: '/v1/completions', payload: body as object });
}

const completionBody = { model: 'my-model', prompt: 'Once upon a time', max_tokens: 32, user: 'u-1' };

describe('POST /v1/completions', () => {
  it('answers a text_completion and hands the pipeline the prompt', async () => {
    const { app, requests } = await buildApp();
    const response = await post(app, completionBody);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      id: 'cmpl-Up1',
      object: 'text_completion',
      created: 1_760_000_000,
      model: 'my-model',
      choices: [{ text: ' there lived a gateway.', index: 0, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 4, completion_tokens: 6, total_tokens: 10 },
    });
    expect(requests).toEqual([
      {
        model: 'my-model',
        prompt: 'Once upon a time',
        stopSequences: [],
        maxOutputTokens: 32,
        sampling: {},
      },
    ]);
    expect(response.headers['x-sfgw-ignored-params']).toBe('user,max_tokens');
    expect(response.headers['x-sfgw-generation-id']).toBe('5f0c2b6e-8d41-4a9e-b3f7-2c1e90d4a6b8');
  });

  it('streams text_completion chunks, a usage chunk and [DONE]', async () => {
    const { app } = await buildApp();
    const response = await post(app, {
      ...completionBody,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(response.headers['x-sfgw-ignored-params']).toBe('user,max_tokens');
    const decoder = new SseDecoder();
    const events = [...decoder.push(response.body), ...decoder.flush()];
    expect(events.at(-1)?.data).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event.data));
    expect(chunks.map((chunk) => chunk.choices[0]?.text ?? '').join('')).toBe(' there lived a gateway.');
    expect(chunks.every((chunk) => chunk.object === 'text_completion' && chunk.id === 'cmpl-Up1')).toBe(true);
    expect(chunks.at(-2).choices).toEqual([{ text: '', index: 0, logprobs: null, finish_reason: 'stop' }]);
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 4, completion_tokens: 6, total_tokens: 10 },
    });
  });

  it('answers a stream that fails before its first chunk with a plain HTTP error and Retry-After', async () => {
    const { app } = await buildApp({
      // biome-ignore lint/correctness/useYield: the upstream fails before producing anything
      async *streamGenerate(): AsyncIterable<StreamEvent> {
        throw new GatewayError('rate_limit', 'The org is over its rate limit.', { retryAfterSeconds: 3 });
      },
    });
    const response = await post(app, { ...completionBody, stream: true });
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBe('3');
    expect(response.json().error).toMatchObject({
      type: 'rate_limit_error',
      message: 'The org is over its rate limit.',
    });
  });

  it('answers an unknown model, found when the stream is set up, with a 404', async () => {
    const { app } = await buildApp({
      streamGenerate() {
        throw new GatewayError('not_found', "The model 'nope' does not exist.", {
          param: 'model',
          code: 'model_not_found',
        });
      },
    });
    const response = await post(app, { ...completionBody, model: 'nope', stream: true });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: {
        message: "The model 'nope' does not exist.",
        type: 'invalid_request_error',
        param: 'model',
        code: 'model_not_found',
      },
    });
  });

  it('refuses echo with a 400 naming the field, without calling the upstream', async () => {
    const { app, requests } = await buildApp();
    const response = await post(app, { ...completionBody, echo: true });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: {
        message: 'echo is not supported; remove it and prepend the prompt to the answer yourself.',
        type: 'invalid_request_error',
        param: 'echo',
        code: 'unsupported_value',
      },
    });
    expect(requests).toEqual([]);
  });
});
