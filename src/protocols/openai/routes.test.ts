import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../../core/errors.ts';
import type { ChatRequest, ChatResult, StreamEvent } from '../../core/model.ts';
import type { CallContext } from '../../core/provider.ts';
import { simulateStream } from '../../streaming/simulate-stream.ts';
import { SseDecoder } from '../../streaming/sse.ts';
import { type OpenAIRouteDependencies, registerOpenAIRoutes } from './routes.ts';

const answer: ChatResult = {
  id: 'gw-1',
  servedModel: 'sfdc_ai__Up',
  created: 1_760_000_000,
  content: [{ type: 'text', text: 'The capital of France is Paris.' }],
  finishReason: { unified: 'stop', raw: 'stop' },
  usage: { inputTokens: 12, outputTokens: 8, totalTokens: 20 },
};

interface Calls {
  requests: ChatRequest[];
  contexts: CallContext[];
}

type Pipeline = OpenAIRouteDependencies['pipeline'];

function notCalled(): never {
  throw new Error('not called by the chat completions route');
}

function fakePipeline(calls: Calls, overrides: Partial<Pipeline> = {}): Pipeline {
  return {
    async chat(request, context) {
      calls.requests.push(structuredClone(request));
      calls.contexts.push(context);
      request.ignoredFields.push('temperature');
      return answer;
    },
    streamChat(request, context) {
      calls.requests.push(structuredClone(request));
      calls.contexts.push(context);
      request.ignoredFields.push('temperature');
      return simulateStream(answer);
    },
    // The other OpenAI endpoints have their own route tests.
    generate: notCalled,
    streamGenerate: notCalled,
    embed: notCalled,
    submitFeedback: notCalled,
    ...overrides,
  };
}

let app: FastifyInstance | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function buildApp(overrides: Partial<Pipeline> = {}): Promise<{ app: FastifyInstance; calls: Calls }> {
  const calls: Calls = { requests: [], contexts: [] };
  app = Fastify({ bodyLimit: 4096 });
  // A root handler like the server's fallback; the OpenAI scope must win over it.
  app.setErrorHandler(async (_error, _request, reply) => reply.code(599).send({ root: true }));
  registerOpenAIRoutes(app, {
    pipeline: fakePipeline(calls, overrides),
    keepAliveMs: 10_000,
  });
  await app.ready();
  return { app, calls };
}

const chatBody = { model: 'my-model', messages: [{ role: 'user', content: 'Capital of France?' }] };

function post(instance: FastifyInstance, body: unknown, headers: Record<string, string> = {}) {
  return instance.inject({
    method: 'POST',
    url: '/v1/chat/completions',
    headers: { 'content-type': 'application/json', ...headers },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('POST /v1/chat/completions', () => {
  it('answers a non-streaming request with a chat.completion echoing the requested model', async () => {
    const { app, calls } = await buildApp();
    const response = await post(app, chatBody);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id: 'chatcmpl-gw-1',
      object: 'chat.completion',
      model: 'my-model',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'The capital of France is Paris.' },
          finish_reason: 'stop',
        },
      ],
      usage: { prompt_tokens: 12, completion_tokens: 8, total_tokens: 20 },
    });
    expect(calls.requests[0]?.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Capital of France?' }] },
    ]);
    expect(calls.contexts[0]).toMatchObject({
      requestId: expect.any(String),
      promptCharacters: 'Capital of France?'.length,
    });
    expect(calls.contexts[0]?.signal.aborted).toBe(false);
  });

  it('sends the upstream generation id, the target of feedback, in x-sfgw-generation-id', async () => {
    const { app } = await buildApp({ chat: async () => ({ ...answer, generationId: 'gen-uuid-1' }) });
    const response = await post(app, chatBody);
    expect(response.headers['x-sfgw-generation-id']).toBe('gen-uuid-1');
    expect(response.json().id).toBe('chatcmpl-gw-1');
  });

  it('sends no generation-id header when the upstream gave none', async () => {
    const { app } = await buildApp();
    expect((await post(app, chatBody)).headers).not.toHaveProperty('x-sfgw-generation-id');
  });

  it('lists fields without effect, including those the pipeline adds, in x-sfgw-ignored-params', async () => {
    const { app } = await buildApp();
    const response = await post(app, { ...chatBody, user: 'u-1', logit_bias: { '1': 2 }, temperature: 0.2 });
    expect(response.headers['x-sfgw-ignored-params']).toBe('logit_bias,user,temperature');
  });

  it('streams SSE chunks ending with a usage chunk and [DONE]', async () => {
    const { app } = await buildApp();
    const response = await post(app, {
      ...chatBody,
      stream: true,
      stream_options: { include_usage: true },
      user: 'u',
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(response.headers['x-sfgw-ignored-params']).toBe('user,temperature');
    const decoder = new SseDecoder();
    const events = [...decoder.push(response.body), ...decoder.flush()];
    expect(events.at(-1)?.data).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event.data));
    const text = chunks.map((chunk) => chunk.choices[0]?.delta?.content ?? '').join('');
    expect(text).toBe('The capital of France is Paris.');
    expect(
      chunks.every((chunk) => chunk.model === 'my-model' && chunk.object === 'chat.completion.chunk'),
    ).toBe(true);
    expect(chunks.at(-2).choices[0].finish_reason).toBe('stop');
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 12, completion_tokens: 8, total_tokens: 20 },
    });
  });

  it('answers a stream that fails before its first chunk with a plain HTTP error and Retry-After', async () => {
    const { app } = await buildApp({
      // biome-ignore lint/correctness/useYield: the upstream fails before producing anything
      async *streamChat(): AsyncIterable<StreamEvent> {
        throw new GatewayError('rate_limit', 'The org is over its rate limit.', { retryAfterSeconds: 3 });
      },
    });
    const response = await post(app, { ...chatBody, stream: true });
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBe('3');
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toEqual({
      error: {
        message: 'The org is over its rate limit.',
        type: 'rate_limit_error',
        param: null,
        code: null,
      },
    });
  });

  it('renders a model error thrown when the stream is set up as a 404', async () => {
    const { app } = await buildApp({
      streamChat() {
        throw new GatewayError('not_found', 'Unknown model "x".', {
          param: 'model',
          code: 'model_not_found',
        });
      },
    });
    const response = await post(app, { ...chatBody, stream: true });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatchObject({
      type: 'invalid_request_error',
      code: 'model_not_found',
      param: 'model',
    });
  });

  it('hides the details of an unexpected failure behind a 500 that SDKs should not retry', async () => {
    const { app } = await buildApp({
      async chat() {
        throw new Error('secret internal detail');
      },
    });
    const response = await post(app, chatBody);
    expect(response.statusCode).toBe(500);
    expect(response.headers['x-should-retry']).toBe('false');
    expect(response.body).not.toContain('secret');
    expect(response.json().error.type).toBe('server_error');
  });

  it('names the invalid field in a 400', async () => {
    const { app } = await buildApp();
    const response = await post(app, { model: 'my-model', messages: [{ role: 'robot', content: 'x' }] });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: {
        message:
          'messages[0].role must be one of system, developer, user, assistant, tool, function; got "robot".',
        type: 'invalid_request_error',
        param: 'messages[0].role',
        code: 'invalid_value',
      },
    });
  });

  it.each([
    [
      'invalid JSON',
      '{"model": "my-model",',
      'application/json',
      400,
      'The request body is not valid JSON; send one JSON object.',
    ],
    [
      'an empty JSON body',
      '',
      'application/json',
      400,
      'The request body is empty; send a JSON object with "model" and "messages".',
    ],
    [
      'a JSON array',
      '[1]',
      'application/json',
      400,
      'The request body must be a JSON object with "model" and "messages".',
    ],
    [
      'a text/plain body',
      'hello',
      'text/plain',
      415,
      'Content-Type must be application/json; got "text/plain".',
    ],
    [
      'a body over the limit',
      JSON.stringify({ ...chatBody, padding: 'x'.repeat(5000) }),
      'application/json',
      413,
      "The request body is larger than this gateway's limit of 4096 bytes.",
    ],
  ])('answers %s with an OpenAI-shaped error', async (_label, payload, contentType, status, message) => {
    const { app } = await buildApp();
    const response = await post(app, payload, { 'content-type': contentType });
    expect(response.statusCode).toBe(status);
    expect(response.json()).toMatchObject({ error: { message, type: 'invalid_request_error' } });
  });
});

describe('POST /v1/chat/completions with legacy functions', () => {
  const callAnswer: ChatResult = {
    ...answer,
    content: [
      { type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } },
      { type: 'tool-call', id: 'call_2', name: 'get_time', arguments: { zone: 'CET' } },
    ],
    finishReason: { unified: 'tool-calls', raw: null },
  };
  const functions = [
    { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
    { name: 'get_time' },
  ];
  const legacyBody = { ...chatBody, functions, function_call: 'auto' };

  function buildToolApp() {
    return buildApp({ chat: async () => callAnswer, streamChat: () => simulateStream(callAnswer) });
  }

  it('answers with message.function_call for the first call and finish_reason function_call', async () => {
    const { app } = await buildToolApp();
    const response = await post(app, legacyBody);
    expect(response.statusCode).toBe(200);
    const [choice] = response.json().choices;
    expect(choice.message).toEqual({
      role: 'assistant',
      content: null,
      refusal: null,
      function_call: { name: 'get_weather', arguments: '{"city":"Paris"}' },
    });
    expect(choice.finish_reason).toBe('function_call');
  });

  it('hands the pipeline the functions as neutral tools', async () => {
    const { app, calls } = await buildApp();
    await post(app, legacyBody);
    expect(calls.requests[0]?.tools.map((tool) => tool.name)).toEqual(['get_weather', 'get_time']);
    expect(calls.requests[0]?.toolChoice).toEqual({ type: 'auto' });
  });

  it('keeps tool_calls for the same answer when the request sent tools', async () => {
    const { app } = await buildToolApp();
    const tools = functions.map((definition) => ({ type: 'function', function: definition }));
    const [choice] = (await post(app, { ...chatBody, tools })).json().choices;
    expect(choice.message).not.toHaveProperty('function_call');
    expect(choice.message.tool_calls).toHaveLength(2);
    expect(choice.finish_reason).toBe('tool_calls');
  });

  it('streams delta.function_call fragments that assemble into the first call', async () => {
    const { app } = await buildToolApp();
    const response = await post(app, { ...legacyBody, stream: true });
    const decoder = new SseDecoder();
    const events = [...decoder.push(response.body), ...decoder.flush()];
    expect(events.at(-1)?.data).toBe('[DONE]');
    const choices = events.slice(0, -1).map((event) => JSON.parse(event.data).choices[0]);
    const fragments = choices.flatMap((choice) => choice.delta.function_call ?? []);
    expect(fragments[0]).toEqual({ name: 'get_weather', arguments: '' });
    expect(JSON.parse(fragments.map((fragment) => fragment.arguments).join(''))).toEqual({ city: 'Paris' });
    expect(choices.some((choice) => 'tool_calls' in choice.delta)).toBe(false);
    expect(choices.at(-1).finish_reason).toBe('function_call');
  });
});

describe('client disconnect', () => {
  it('aborts the call context of a non-streaming request when the client goes away', async () => {
    let signalAborted: (() => void) | undefined;
    const aborted = new Promise<void>((resolve) => {
      signalAborted = resolve;
    });
    const { app } = await buildApp({
      chat: (_request, context) =>
        new Promise<ChatResult>((_resolve, reject) => {
          context.signal.addEventListener('abort', () => {
            signalAborted?.();
            reject(new GatewayError('upstream_timeout', 'aborted'));
          });
        }),
    });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const client = new AbortController();
    const request = fetch(`${address}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(chatBody),
      signal: client.signal,
    });
    setTimeout(() => client.abort(), 50);
    await expect(request).rejects.toThrow();
    await aborted;
  });
});
