import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../../core/errors.ts';
import type { ChatRequest, ChatResult, StreamEvent } from '../../core/model.ts';
import type { CallContext } from '../../core/provider.ts';
import { simulateStream } from '../../streaming/simulate-stream.ts';
import { SseDecoder, type SseEvent } from '../../streaming/sse.ts';
import { type AnthropicRouteDependencies, registerAnthropicRoutes } from './routes.ts';

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
  counted: ChatRequest[];
}

type Pipeline = AnthropicRouteDependencies['pipeline'];

function fakePipeline(calls: Calls, overrides: Partial<Pipeline>): Pipeline {
  return {
    async chat(request, context) {
      calls.requests.push(structuredClone(request));
      calls.contexts.push(context);
      request.ignoredFields.push('max_tokens');
      return answer;
    },
    streamChat(request, context) {
      calls.requests.push(structuredClone(request));
      calls.contexts.push(context);
      request.ignoredFields.push('max_tokens');
      return simulateStream(answer);
    },
    countTokens(request) {
      calls.counted.push(structuredClone(request));
      return 2095;
    },
    ...overrides,
  };
}

let app: FastifyInstance | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function buildApp(
  overrides: Partial<Pipeline> = {},
  keepAliveMs = 10_000,
): Promise<{ app: FastifyInstance; calls: Calls }> {
  const calls: Calls = { requests: [], contexts: [], counted: [] };
  app = Fastify({ bodyLimit: 4096 });
  // A root handler like the server's OpenAI-shaped fallback; the Anthropic scope must win over it.
  app.setErrorHandler(async (_error, _request, reply) => reply.code(599).send({ root: true }));
  registerAnthropicRoutes(app, { pipeline: fakePipeline(calls, overrides), keepAliveMs });
  await app.ready();
  return { app, calls };
}

const messagesBody = {
  model: 'claude-sonnet-5',
  max_tokens: 1024,
  messages: [{ role: 'user', content: 'Capital of France?' }],
};

function post(
  instance: FastifyInstance,
  body: unknown,
  options: { url?: string; headers?: Record<string, string> } = {},
) {
  return instance.inject({
    method: 'POST',
    url: options.url ?? '/v1/messages',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', ...options.headers },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function sseEvents(body: string): SseEvent[] {
  const decoder = new SseDecoder();
  return [...decoder.push(body), ...decoder.flush()];
}

describe('POST /v1/messages', () => {
  it('answers a non-streaming request with a message echoing the requested model', async () => {
    const { app, calls } = await buildApp();
    const response = await post(app, messagesBody);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      id: 'msg_gw-1',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-5',
      content: [{ type: 'text', text: 'The capital of France is Paris.' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: {
        input_tokens: 12,
        output_tokens: 8,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
      },
    });
    expect(calls.requests[0]?.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Capital of France?' }] },
    ]);
    expect(calls.requests[0]?.maxOutputTokens).toBe(1024);
    expect(calls.contexts[0]).toMatchObject({ promptCharacters: 'Capital of France?'.length });
  });

  it('sets request-id on every response', async () => {
    const { app } = await buildApp();
    const ok = await post(app, messagesBody);
    expect(ok.headers['request-id']).toEqual(expect.any(String));
    const failed = await post(app, { model: 'claude-sonnet-5' });
    expect(failed.headers['request-id']).toEqual(expect.any(String));
    expect(failed.json().request_id).toBe(failed.headers['request-id']);
  });

  it('ignores the query string, as Claude Code sends ?beta=true', async () => {
    const { app } = await buildApp();
    const response = await post(app, messagesBody, { url: '/v1/messages?beta=true' });
    expect(response.statusCode).toBe(200);
    expect(response.json().type).toBe('message');
  });

  it('accepts both x-api-key and Authorization: Bearer, and anthropic-beta', async () => {
    const { app } = await buildApp();
    const variants: Array<Record<string, string>> = [
      { 'x-api-key': 'sk-gw-1' },
      { authorization: 'Bearer sk-gw-1' },
      { 'x-api-key': 'sk-gw-1', authorization: 'Bearer sk-gw-1', 'anthropic-beta': 'claude-code-20250219' },
    ];
    for (const headers of variants) {
      expect((await post(app, messagesBody, { headers })).statusCode).toBe(200);
    }
  });

  it('lists fields without effect, including those the pipeline adds, in x-sfgw-ignored-params', async () => {
    const { app } = await buildApp();
    const response = await post(app, {
      ...messagesBody,
      metadata: { user_id: 'u-1' },
      thinking: { type: 'adaptive' },
      context_management: { edits: [] },
      tools: [{ type: 'web_search_20250305', name: 'web_search' }],
    });
    expect(response.headers['x-sfgw-ignored-params']).toBe(
      'thinking,context_management,tools.web_search,max_tokens',
    );
  });

  it('streams named events in the Anthropic grammar, without [DONE]', async () => {
    const { app } = await buildApp();
    const response = await post(app, { ...messagesBody, stream: true, thinking: { type: 'adaptive' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(response.headers['request-id']).toEqual(expect.any(String));
    expect(response.headers['x-sfgw-ignored-params']).toBe('thinking,max_tokens');
    expect(response.body).not.toContain('[DONE]');
    const events = sseEvents(response.body);
    const names = events.map((event) => event.event);
    expect(names[0]).toBe('message_start');
    expect(names.slice(-4)).toEqual([
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    for (const event of events) expect(JSON.parse(event.data).type).toBe(event.event);
    const text = events
      .filter((event) => event.event === 'content_block_delta')
      .map((event) => JSON.parse(event.data).delta.text)
      .join('');
    expect(text).toBe('The capital of France is Paris.');
    expect(JSON.parse(events[0]?.data ?? '{}').message.model).toBe('claude-sonnet-5');
  });

  it('sends ping events while the upstream is still working', async () => {
    const { app } = await buildApp(
      {
        async *streamChat() {
          await new Promise((resolve) => setTimeout(resolve, 120));
          yield* simulateStream(answer);
        },
      },
      10,
    );
    const response = await post(app, { ...messagesBody, stream: true });
    const events = sseEvents(response.body);
    const firstStart = events.findIndex((event) => event.event === 'message_start');
    expect(firstStart).toBeGreaterThan(0);
    expect(
      events
        .slice(0, firstStart)
        .every((event) => event.event === 'ping' && event.data === '{"type":"ping"}'),
    ).toBe(true);
    expect(events.at(-1)?.event).toBe('message_stop');
  });

  it('ends a stream that fails midway with an error event', async () => {
    const { app } = await buildApp({
      async *streamChat() {
        yield { type: 'response-start', id: 'gw-x', servedModel: 'up', created: 1, usage: answer.usage };
        yield { type: 'text-delta', index: 0, delta: 'Partial' };
        yield {
          type: 'error',
          error: new GatewayError('upstream_timeout', 'The upstream did not answer in time.'),
        };
      },
    });
    const response = await post(app, { ...messagesBody, stream: true });
    expect(response.statusCode).toBe(200);
    const last = sseEvents(response.body).at(-1);
    expect(last?.event).toBe('error');
    expect(JSON.parse(last?.data ?? '{}')).toEqual({
      type: 'error',
      error: { type: 'timeout_error', message: 'The upstream did not answer in time.' },
      request_id: response.headers['request-id'],
    });
  });

  it('answers a stream that fails before its first event with a plain HTTP error and retry-after', async () => {
    const { app } = await buildApp({
      // biome-ignore lint/correctness/useYield: the upstream fails before producing anything
      async *streamChat(): AsyncIterable<StreamEvent> {
        throw new GatewayError('rate_limit', 'The org is over its rate limit.', { retryAfterSeconds: 3 });
      },
    });
    const response = await post(app, { ...messagesBody, stream: true });
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBe('3');
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toEqual({
      type: 'error',
      error: { type: 'rate_limit_error', message: 'The org is over its rate limit.' },
      request_id: response.headers['request-id'],
    });
  });

  it.each([true, false])(
    'answers an unknown model with a 404 not_found_error (stream: %s)',
    async (stream) => {
      const unknownModel = () => {
        throw new GatewayError('not_found', "The model 'claude-9' does not exist.", { param: 'model' });
      };
      const { app } = await buildApp({ chat: async () => unknownModel(), streamChat: unknownModel });
      const response = await post(app, { ...messagesBody, model: 'claude-9', stream });
      expect(response.statusCode).toBe(404);
      expect(response.json().error).toEqual({
        type: 'not_found_error',
        message: "The model 'claude-9' does not exist.",
      });
    },
  );

  it('hides the details of an unexpected failure behind a 500 api_error', async () => {
    const { app } = await buildApp({
      async chat() {
        throw new Error('secret internal detail');
      },
    });
    const response = await post(app, messagesBody);
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('secret');
    expect(response.json().error.type).toBe('api_error');
  });

  it('names a missing max_tokens in a 400', async () => {
    const { app } = await buildApp();
    const response = await post(app, { model: 'claude-sonnet-5', messages: messagesBody.messages });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toEqual({
      type: 'invalid_request_error',
      message: 'max_tokens is required.',
    });
  });

  it.each([
    ['invalid JSON', '{"model": "claude",', 'application/json', 400, 'invalid_request_error'],
    ['a text/plain body', 'hello', 'text/plain', 415, 'invalid_request_error'],
    [
      'a body over the limit',
      JSON.stringify({ ...messagesBody, padding: 'x'.repeat(5000) }),
      'application/json',
      413,
      'request_too_large',
    ],
  ])('answers %s with an Anthropic-shaped error', async (_label, payload, contentType, status, type) => {
    const { app } = await buildApp();
    const response = await post(app, payload, { headers: { 'content-type': contentType } });
    expect(response.statusCode).toBe(status);
    expect(response.headers['request-id']).toEqual(expect.any(String));
    expect(response.json()).toMatchObject({ type: 'error', error: { type } });
  });
});

describe('POST /v1/messages/count_tokens', () => {
  it('counts the decoded request without needing max_tokens', async () => {
    const { app, calls } = await buildApp();
    const response = await post(
      app,
      {
        model: 'claude-sonnet-5',
        system: 'Be brief.',
        messages: messagesBody.messages,
        tools: [{ name: 'ping', input_schema: { type: 'object' } }],
      },
      { url: '/v1/messages/count_tokens?beta=true' },
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ input_tokens: 2095 });
    expect(response.headers['request-id']).toEqual(expect.any(String));
    expect(calls.counted[0]?.messages.map((message) => message.role)).toEqual(['system', 'user']);
    expect(calls.counted[0]?.tools.map((tool) => tool.name)).toEqual(['ping']);
  });

  it('answers a bad body with an Anthropic-shaped 400', async () => {
    const { app } = await buildApp();
    const response = await post(app, { model: 'claude-sonnet-5' }, { url: '/v1/messages/count_tokens' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toEqual({
      type: 'invalid_request_error',
      message: 'messages is required.',
    });
  });
});

describe('HEAD /api/hello', () => {
  it('answers 200 to Claude Code’s warm-up probe', async () => {
    const { app } = await buildApp();
    const response = await app.inject({ method: 'HEAD', url: '/api/hello' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('');
  });
});
