import Anthropic, { type APIError } from '@anthropic-ai/sdk';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayError } from '../../core/errors.ts';
import type { ChatRequest, ChatResult, StreamEvent } from '../../core/model.ts';
import { simulateStream } from '../../streaming/simulate-stream.ts';
import { registerAnthropicRoutes } from './routes.ts';

// The official Anthropic SDK against the real routes on a real socket: what "compatible" means.

const usage = { inputTokens: 30, outputTokens: 12, totalTokens: 42 };

function answerFor(request: ChatRequest): ChatResult {
  const content: ChatResult['content'] =
    request.tools.length > 0
      ? [
          { type: 'text', text: 'Looking it up.' },
          { type: 'tool-call', id: 'call_1', name: 'lookup_order', arguments: { order_id: 'A17' } },
          { type: 'tool-call', id: 'call_2', name: 'ping', arguments: {} },
        ]
      : [{ type: 'text', text: 'Paris is the capital of France. 😀' }];
  return {
    id: 'gw-sdk',
    servedModel: 'sfdc_ai__Up',
    created: 1_760_000_000,
    content,
    finishReason: { unified: request.tools.length > 0 ? 'tool-calls' : 'stop', raw: null },
    usage,
  };
}

// The model name picks the failure, so each error path can be reached through the SDK.
function checkModel(request: ChatRequest): void {
  switch (request.model) {
    case 'claude-test':
      return;
    case 'rate-limited':
      throw new GatewayError('rate_limit', 'The org is over its rate limit.', { retryAfterSeconds: 7 });
    case 'overloaded':
      throw new GatewayError('upstream_unavailable', 'The upstream is overloaded; try again shortly.');
    case 'too-long':
      throw new GatewayError('invalid_request', 'prompt is too long: 210000 tokens > 200000 maximum');
    default:
      throw new GatewayError('not_found', `The model '${request.model}' does not exist.`, { param: 'model' });
  }
}

async function* failingMidStream(): AsyncIterable<StreamEvent> {
  yield { type: 'response-start', id: 'gw-fail', servedModel: 'sfdc_ai__Up', created: 1, usage };
  yield { type: 'text-delta', index: 0, delta: 'Partial' };
  yield { type: 'error', error: new GatewayError('upstream_unavailable', 'Overloaded') };
}

let app: FastifyInstance;
let client: Anthropic;
let address: string;
const seen: Array<{ url: string; headers: Record<string, unknown> }> = [];

beforeAll(async () => {
  app = Fastify();
  app.addHook('onRequest', async (request) => {
    seen.push({ url: request.url, headers: request.headers });
  });
  registerAnthropicRoutes(app, {
    pipeline: {
      async chat(request) {
        checkModel(request);
        return answerFor(request);
      },
      streamChat(request) {
        if (request.model === 'fails-mid-stream') return failingMidStream();
        checkModel(request);
        return simulateStream(answerFor(request));
      },
      async countTokens(request) {
        checkModel(request);
        return request.messages.length * 100 + request.tools.length * 10;
      },
    },
    keepAliveMs: 10_000,
  });
  address = await app.listen({ port: 0, host: '127.0.0.1' });
  client = new Anthropic({ apiKey: 'test-key', baseURL: address, maxRetries: 0 });
});

afterAll(async () => {
  await app.close();
});

const question: Anthropic.MessageParam[] = [{ role: 'user', content: 'Capital of France?' }];
const tools: Anthropic.Tool[] = [
  {
    name: 'lookup_order',
    description: 'Find an order',
    input_schema: { type: 'object', properties: { order_id: { type: 'string' } }, required: ['order_id'] },
  },
  { name: 'ping', input_schema: { type: 'object', properties: {} } },
];

describe('the official Anthropic SDK', () => {
  it('gets a non-streaming message', async () => {
    const message = await client.messages.create({
      model: 'claude-test',
      max_tokens: 256,
      messages: question,
    });
    expect(message.content).toEqual([{ type: 'text', text: 'Paris is the capital of France. 😀' }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage).toMatchObject({ input_tokens: 30, output_tokens: 12 });
  });

  it('assembles a streamed message equal to the non-streaming one', async () => {
    const created = await client.messages.create({
      model: 'claude-test',
      max_tokens: 256,
      messages: question,
    });
    const streamed = await client.messages
      .stream({ model: 'claude-test', max_tokens: 256, messages: question })
      .finalMessage();
    // The stream helper adds its own bookkeeping (parsed_output); everything create returns must match.
    expect(streamed).toMatchObject(created);
    expect(streamed.content).toEqual(created.content);
    expect(streamed.usage).toEqual(created.usage);
  });

  it('parses tool_use blocks with the input as an object, streamed or not', async () => {
    const body = { model: 'claude-test', max_tokens: 256, messages: question, tools };
    const created = await client.messages.create(body);
    expect(created.stop_reason).toBe('tool_use');
    expect(created.content).toEqual([
      { type: 'text', text: 'Looking it up.' },
      { type: 'tool_use', id: 'call_1', name: 'lookup_order', input: { order_id: 'A17' } },
      { type: 'tool_use', id: 'call_2', name: 'ping', input: {} },
    ]);
    const streamed = await client.messages.stream(body).finalMessage();
    expect(streamed.content).toEqual(created.content);
    expect(streamed.stop_reason).toBe('tool_use');
    expect(streamed.usage).toEqual(created.usage);
  });

  it('works through the beta namespace with ?beta=true and a Bearer token, as Claude Code calls it', async () => {
    // This SDK version no longer adds ?beta=true itself; Claude Code does, so the test adds it.
    const bearer = new Anthropic({
      authToken: 'gw-token',
      baseURL: address,
      maxRetries: 0,
      defaultQuery: { beta: 'true' },
    });
    const message = await bearer.beta.messages
      .stream({
        model: 'claude-test',
        max_tokens: 256,
        messages: question,
        betas: ['interleaved-thinking-2025-05-14'],
        thinking: { type: 'adaptive' },
        tools: [...tools, { type: 'web_search_20250305', name: 'web_search', max_uses: 8 }],
      })
      .finalMessage();
    expect(message.content.map((block) => block.type)).toEqual(['text', 'tool_use', 'tool_use']);
    expect(seen.at(-1)).toMatchObject({
      url: '/v1/messages?beta=true',
      headers: { authorization: 'Bearer gw-token', 'anthropic-beta': 'interleaved-thinking-2025-05-14' },
    });
  });

  it('counts tokens', async () => {
    const counted = await client.messages.countTokens({ model: 'claude-test', messages: question, tools });
    expect(counted).toEqual({ input_tokens: 120 });
  });

  it('raises BadRequestError with the Anthropic error type and the request id', async () => {
    const error = await client.messages
      .create({ model: 'claude-test', max_tokens: 0, messages: question })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect(error).toMatchObject({ status: 400, type: 'invalid_request_error' });
    expect((error as APIError).requestID).toEqual(expect.any(String));
  });

  it('keeps "prompt is too long" verbatim', async () => {
    const error = await client.messages
      .create({ model: 'too-long', max_tokens: 10, messages: question })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect((error as APIError).apiMessage).toBe('prompt is too long: 210000 tokens > 200000 maximum');
  });

  it('raises NotFoundError for an unknown model, streaming or not', async () => {
    const body = { model: 'claude-nope', max_tokens: 10, messages: question };
    await expect(client.messages.create(body)).rejects.toBeInstanceOf(Anthropic.NotFoundError);
    await expect(client.messages.stream(body).finalMessage()).rejects.toMatchObject({
      status: 404,
      type: 'not_found_error',
    });
  });

  it('raises RateLimitError with retry-after', async () => {
    const error = await client.messages
      .create({ model: 'rate-limited', max_tokens: 10, messages: question })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    expect((error as APIError).headers?.get('retry-after')).toBe('7');
  });

  it('raises OverloadedError (529) when the upstream is unavailable', async () => {
    const error = await client.messages
      .stream({ model: 'overloaded', max_tokens: 10, messages: question })
      .finalMessage()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.OverloadedError);
    expect(error).toMatchObject({ status: 529, type: 'overloaded_error' });
  });

  it('raises an APIError carrying the error type when a stream fails midway', async () => {
    const stream = client.messages.stream({ model: 'fails-mid-stream', max_tokens: 10, messages: question });
    const error = await stream.finalMessage().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect(error).toMatchObject({ type: 'overloaded_error', apiMessage: 'Overloaded' });
  });
});
