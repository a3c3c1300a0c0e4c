import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../../core/errors.ts';
import type { ChatRequest, ChatResult, StreamEvent } from '../../core/model.ts';
import { simulateStream } from '../../streaming/simulate-stream.ts';
import { SseDecoder } from '../../streaming/sse.ts';
import { OutputItemStore } from './output-item-store.ts';
import { type ResponsesRouteDependencies, registerResponsesRoutes } from './routes.ts';

const answer: ChatResult = {
  id: 'gw-1',
  generationId: 'gen-1',
  servedModel: 'sfdc_ai__Up',
  created: 1_760_000_000,
  content: [{ type: 'text', text: 'The capital of France is Paris.' }],
  finishReason: { unified: 'stop', raw: 'stop' },
  usage: { inputTokens: 12, outputTokens: 8, totalTokens: 20 },
};

type Pipeline = ResponsesRouteDependencies['pipeline'];

// Like the real pipeline, the fake rewrites the model name and reports what it could not honour.
function fakePipeline(requests: ChatRequest[], overrides: Partial<Pipeline> = {}): Pipeline {
  const record = (request: ChatRequest) => {
    requests.push(structuredClone(request));
    if (request.maxOutputTokens !== undefined) request.ignoredFields.push('max_tokens');
    request.model = 'sfdc_ai__Up';
  };
  return {
    async chat(request) {
      record(request);
      return answer;
    },
    streamChat(request) {
      record(request);
      return simulateStream(answer);
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
  itemStore?: OutputItemStore,
): Promise<{ app: FastifyInstance; requests: ChatRequest[] }> {
  const requests: ChatRequest[] = [];
  app = Fastify();
  // A root handler like the server's fallback; the Responses scope must win over it.
  app.setErrorHandler(async (_error, _request, reply) => reply.code(599).send({ root: true }));
  registerResponsesRoutes(app, {
    pipeline: fakePipeline(requests, overrides),
    keepAliveMs: 10_000,
    ...(itemStore ? { itemStore } : {}),
  });
  await app.ready();
  return { app, requests };
}

const body = { model: 'my-model', input: 'Capital of France?' };

function post(instance: FastifyInstance, payload: unknown, contentType = 'application/json') {
  return instance.inject({
    method: 'POST',
    url: '/v1/responses',
    headers: { 'content-type': contentType },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
}

describe('POST /v1/responses', () => {
  it('answers with a Response object echoing the requested model and the settings', async () => {
    const { app, requests } = await buildApp();
    const response = await post(app, { ...body, instructions: 'Be brief.', metadata: { team: 'sales' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-sfgw-generation-id']).toBe('gen-1');
    expect(response.json()).toMatchObject({
      id: 'resp_gw-1',
      object: 'response',
      status: 'completed',
      model: 'my-model',
      instructions: 'Be brief.',
      metadata: { team: 'sales' },
      store: false,
      output: [
        {
          type: 'message',
          id: 'msg_gw-1_0',
          role: 'assistant',
          content: [{ type: 'output_text', text: 'The capital of France is Paris.', annotations: [] }],
        },
      ],
      usage: { input_tokens: 12, output_tokens: 8, total_tokens: 20 },
    });
    expect(requests[0]?.messages).toEqual([
      { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
      { role: 'user', content: [{ type: 'text', text: 'Capital of France?' }] },
    ]);
  });

  it('names fields without effect in x-sfgw-ignored-params, with the token limit as max_output_tokens', async () => {
    const { app } = await buildApp();
    const response = await post(app, {
      ...body,
      store: true,
      max_output_tokens: 50,
      tools: [{ type: 'web_search' }],
    });
    expect(response.headers['x-sfgw-ignored-params']).toBe('store,tools.web_search,max_output_tokens');
    expect(response.json()).toMatchObject({ store: false, max_output_tokens: 50 });
  });

  it('streams the Responses event grammar, ending with response.completed', async () => {
    const { app } = await buildApp();
    const response = await post(app, { ...body, stream: true, store: true });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(response.headers['x-sfgw-ignored-params']).toBe('store');
    const decoder = new SseDecoder();
    const events = [...decoder.push(response.body), ...decoder.flush()];
    expect(events.every((event) => JSON.parse(event.data).type === event.event)).toBe(true);
    expect(events[0]?.event).toBe('response.created');
    expect(events.at(-1)?.event).toBe('response.completed');
    expect(response.body).not.toContain('[DONE]');
    const text = events
      .filter((event) => event.event === 'response.output_text.delta')
      .map((event) => JSON.parse(event.data).delta)
      .join('');
    expect(text).toBe('The capital of France is Paris.');
    expect(JSON.parse(events.at(-1)?.data ?? '{}').response).toMatchObject({
      model: 'my-model',
      store: false,
    });
  });

  it('answers a stream that fails before its first event with a plain HTTP error and Retry-After', async () => {
    const { app } = await buildApp({
      // biome-ignore lint/correctness/useYield: the upstream fails before producing anything
      async *streamChat(): AsyncIterable<StreamEvent> {
        throw new GatewayError('rate_limit', 'The org is over its rate limit.', { retryAfterSeconds: 3 });
      },
    });
    const response = await post(app, { ...body, stream: true });
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBe('3');
    expect(response.json()).toEqual({
      error: {
        message: 'The org is over its rate limit.',
        type: 'rate_limit_error',
        param: null,
        code: null,
      },
    });
  });

  it('ends a stream that fails midway with an error event and response.failed', async () => {
    const { app } = await buildApp({
      async *streamChat(): AsyncIterable<StreamEvent> {
        yield { type: 'response-start', id: 'gw-2', servedModel: 'x', created: 1, usage: answer.usage };
        yield { type: 'text-delta', index: 0, delta: 'Partial' };
        throw new GatewayError('upstream_timeout', 'The upstream did not answer in time.');
      },
    });
    const response = await post(app, { ...body, stream: true });
    expect(response.statusCode).toBe(200);
    const decoder = new SseDecoder();
    const events = [...decoder.push(response.body), ...decoder.flush()];
    expect(events.slice(-2).map((event) => event.event)).toEqual(['error', 'response.failed']);
  });

  it.each([
    [
      'previous_response_id',
      { ...body, previous_response_id: 'resp_1' },
      {
        message:
          'previous_response_id is not supported: this gateway does not store responses; send the whole conversation in input.',
        type: 'invalid_request_error',
        param: 'previous_response_id',
        code: 'unsupported_parameter',
      },
    ],
    [
      'an image',
      {
        ...body,
        input: [{ role: 'user', content: [{ type: 'input_image', image_url: 'https://x/y.png' }] }],
      },
      {
        message:
          'input[0].content[0] is an image, but the Salesforce Models API accepts text only; send the content as text.',
        type: 'invalid_request_error',
        param: 'input[0].content[0]',
        code: 'unsupported_content',
      },
    ],
    [
      'invalid JSON',
      '{"model":',
      {
        message: 'The request body is not valid JSON; send one JSON object.',
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_json',
      },
    ],
  ])('answers %s with a 400 in the OpenAI error shape', async (_label, payload, error) => {
    const { app, requests } = await buildApp();
    const response = await post(app, payload);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error });
    expect(requests).toEqual([]);
  });

  it('refuses a text/plain body', async () => {
    const { app } = await buildApp();
    const response = await post(app, 'hello', 'text/plain');
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('unsupported_media_type');
  });
});

describe('item references', () => {
  const firstMessageId = (response: { json(): { output: Array<{ id: string }> } }) =>
    response.json().output[0]?.id ?? '';

  function followUp(reference: Record<string, unknown>) {
    return {
      model: 'my-model',
      input: [
        { role: 'user', content: 'Capital of France?' },
        reference,
        { role: 'user', content: 'And of Spain?' },
      ],
    };
  }

  const conversation = [
    { role: 'user', content: [{ type: 'text', text: 'Capital of France?' }] },
    { role: 'assistant', content: [{ type: 'text', text: 'The capital of France is Paris.' }] },
    { role: 'user', content: [{ type: 'text', text: 'And of Spain?' }] },
  ];

  it('resolve to the output of an earlier answer, which reaches the upstream as an assistant turn', async () => {
    const { app, requests } = await buildApp();
    const id = firstMessageId(await post(app, body));
    expect(id).toMatch(/^msg_/);
    const response = await post(app, followUp({ type: 'item_reference', id }));
    expect(response.statusCode).toBe(200);
    expect(requests[1]?.messages).toEqual(conversation);
  });

  it('resolve to the output of an earlier streamed answer', async () => {
    const { app, requests } = await buildApp();
    const streamed = await post(app, { ...body, stream: true });
    const decoder = new SseDecoder();
    const completed = [...decoder.push(streamed.body), ...decoder.flush()].at(-1);
    expect(completed?.event).toBe('response.completed');
    const id = JSON.parse(completed?.data ?? '{}').response.output[0].id;
    const response = await post(app, followUp({ id }));
    expect(response.statusCode).toBe(200);
    expect(requests[1]?.messages).toEqual(conversation);
  });

  it('answer an unknown reference with a 400 naming the input index', async () => {
    const { app, requests } = await buildApp();
    const response = await post(app, followUp({ type: 'item_reference', id: 'msg_elsewhere_0' }));
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      type: 'invalid_request_error',
      param: 'input[1]',
      code: 'unsupported_value',
    });
    expect(response.json().error.message).toContain(
      'input[1] is an item_reference to "msg_elsewhere_0", which this gateway does not hold',
    );
    expect(requests).toEqual([]);
  });

  it('use the store passed in, and each registration without one has its own', async () => {
    const itemStore = new OutputItemStore();
    const shared = await buildApp({}, itemStore);
    const id = firstMessageId(await post(shared.app, body));
    expect(itemStore.recall(id)).toMatchObject({ type: 'message', id });
    await shared.app.close();
    const separate = await buildApp();
    const response = await post(separate.app, followUp({ type: 'item_reference', id }));
    expect(response.statusCode).toBe(400);
  });
});

describe('stored responses', () => {
  it.each([
    ['GET', '/v1/responses/resp_1'],
    ['DELETE', '/v1/responses/resp_1'],
    ['POST', '/v1/responses/resp_1/cancel'],
    ['GET', '/v1/responses/resp_1/input_items'],
  ] as const)('answers %s %s with a 404 that says nothing is stored', async (method, url) => {
    const { app } = await buildApp();
    const response = await app.inject({ method, url });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: {
        message:
          'No response with id "resp_1": this gateway does not store responses, so they cannot be retrieved, cancelled or deleted.',
        type: 'invalid_request_error',
        param: 'response_id',
        code: 'response_not_found',
      },
    });
  });
});
