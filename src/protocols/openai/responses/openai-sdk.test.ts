import Fastify, { type FastifyInstance } from 'fastify';
import OpenAI from 'openai';
import { zodTextFormat } from 'openai/helpers/zod';
import type { ResponseInputItem } from 'openai/resources/responses/responses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GatewayError } from '../../../core/errors.ts';
import type { ChatRequest, ChatResult, StreamEvent } from '../../../core/model.ts';
import { simulateStream } from '../../../streaming/simulate-stream.ts';
import { registerResponsesRoutes } from './routes.ts';

// The official OpenAI SDK's Responses client against the real routes on a real socket.

const usage = { inputTokens: 30, outputTokens: 12, totalTokens: 42 };

function answerFor(request: ChatRequest): ChatResult {
  const last = request.messages.at(-1);
  const toolResult =
    last?.role === 'tool' ? last.content.find((part) => part.type === 'tool-result') : undefined;
  let content: ChatResult['content'];
  if (request.responseFormat.type === 'json-schema') {
    content = [{ type: 'text', text: '{"city":"Paris","country":"France"}' }];
  } else if (toolResult) {
    content = [{ type: 'text', text: `Order A17: ${toolResult.content}.` }];
  } else if (request.tools.length > 0) {
    content = [
      { type: 'text', text: 'Looking it up.' },
      { type: 'tool-call', id: 'call_1', name: 'lookup_order', arguments: { order_id: 'A17' } },
      { type: 'tool-call', id: 'call_2', name: 'ping', arguments: {} },
    ];
  } else {
    content = [{ type: 'text', text: 'Paris is the capital of France. 😀' }];
  }
  const calls = content.some((part) => part.type === 'tool-call');
  return {
    id: `gw-${request.messages.length}`,
    servedModel: 'sfdc_ai__Up',
    created: 1_760_000_000,
    content,
    finishReason: { unified: calls ? 'tool-calls' : 'stop', raw: null },
    usage,
  };
}

async function* failingMidStream(): AsyncIterable<StreamEvent> {
  yield { type: 'response-start', id: 'gw-fail', servedModel: 'sfdc_ai__Up', created: 1_760_000_000, usage };
  yield { type: 'text-delta', index: 0, delta: 'Partial' };
  yield {
    type: 'error',
    error: new GatewayError('upstream_timeout', 'The upstream did not answer in time.'),
  };
}

const requests: ChatRequest[] = [];
let app: FastifyInstance;
let client: OpenAI;

beforeAll(async () => {
  app = Fastify();
  registerResponsesRoutes(app, {
    pipeline: {
      async chat(request) {
        requests.push(structuredClone(request));
        return answerFor(request);
      },
      streamChat(request) {
        requests.push(structuredClone(request));
        if (request.model === 'fails-mid-stream') return failingMidStream();
        return simulateStream(answerFor(request));
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

const tools: OpenAI.Responses.FunctionTool[] = [
  {
    type: 'function',
    name: 'lookup_order',
    parameters: { type: 'object', properties: { order_id: { type: 'string' } }, required: ['order_id'] },
    strict: false,
  },
  { type: 'function', name: 'ping', parameters: null, strict: false },
];

describe('the official OpenAI SDK, Responses API', () => {
  it('creates a response whose output_text helper reads the answer', async () => {
    const response = await client.responses.create({ model: 'my-model', input: 'Capital of France?' });
    expect(response.output_text).toBe('Paris is the capital of France. 😀');
    expect(response.status).toBe('completed');
    expect(response.model).toBe('my-model');
    expect(response.usage).toMatchObject({ input_tokens: 30, output_tokens: 12, total_tokens: 42 });
  });

  it('streams the same response that create returns', async () => {
    const params = { model: 'my-model', input: 'Capital of France?', instructions: 'Be brief.' };
    const created = await client.responses.create(params);
    const stream = client.responses.stream(params);
    const deltas: string[] = [];
    stream.on('response.output_text.delta', (event) => deltas.push(event.delta));
    const final = await stream.finalResponse();
    expect(deltas.join('')).toBe('Paris is the capital of France. 😀');
    expect(final.output_text).toBe(created.output_text);
    expect(final.id).toBe(created.id);
    expect(final.output).toMatchObject(created.output);
    expect(final.usage).toEqual(created.usage);
    expect(final.instructions).toBe('Be brief.');
  });

  it('runs a function-call loop: calls out, takes function_call_output back, answers', async () => {
    const input: ResponseInputItem[] = [{ role: 'user', content: 'Where is order A17?' }];
    const first = await client.responses.create({ model: 'my-model', input, tools });
    const calls = first.output.filter((item) => item.type === 'function_call');
    expect(calls).toEqual([
      expect.objectContaining({ call_id: 'call_1', name: 'lookup_order', arguments: '{"order_id":"A17"}' }),
      expect.objectContaining({ call_id: 'call_2', name: 'ping', arguments: '{}' }),
    ]);
    expect(first.output_text).toBe('Looking it up.');

    const second = await client.responses.create({
      model: 'my-model',
      tools,
      input: [
        ...input,
        ...first.output.filter((item) => item.type === 'message' || item.type === 'function_call'),
        { type: 'function_call_output', call_id: 'call_1', output: 'shipped on Monday' },
        { type: 'function_call_output', call_id: 'call_2', output: 'pong' },
      ],
    });
    expect(second.output_text).toBe('Order A17: shipped on Monday.');
    expect(requests.at(-1)?.messages.slice(1)).toEqual([
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Looking it up.' },
          { type: 'tool-call', id: 'call_1', name: 'lookup_order', arguments: { order_id: 'A17' } },
          { type: 'tool-call', id: 'call_2', name: 'ping', arguments: {} },
        ],
      },
      {
        role: 'tool',
        content: [
          { type: 'tool-result', callId: 'call_1', content: 'shipped on Monday', isError: false },
          { type: 'tool-result', callId: 'call_2', content: 'pong', isError: false },
        ],
      },
    ]);
  });

  it('assembles streamed function calls, including one without arguments', async () => {
    const stream = client.responses.stream({ model: 'my-model', input: 'Where is order A17?', tools });
    const argumentDeltas: string[] = [];
    stream.on('response.function_call_arguments.delta', (event) => argumentDeltas.push(event.delta));
    const final = await stream.finalResponse();
    expect(final.output.map((item) => item.type)).toEqual(['message', 'function_call', 'function_call']);
    expect(final.output.slice(1)).toMatchObject([
      { call_id: 'call_1', name: 'lookup_order', arguments: '{"order_id":"A17"}', status: 'completed' },
      { call_id: 'call_2', name: 'ping', arguments: '{}', status: 'completed' },
    ]);
    expect(argumentDeltas.join('')).toBe('{"order_id":"A17"}{}');
  });

  it('parses a json_schema text format into output_parsed', async () => {
    const City = z.object({ city: z.string(), country: z.string() });
    const response = await client.responses.parse({
      model: 'my-model',
      input: 'Capital of France, as JSON',
      text: { format: zodTextFormat(City, 'city') },
    });
    expect(response.output_parsed).toEqual({ city: 'Paris', country: 'France' });
    expect(requests.at(-1)?.responseFormat).toMatchObject({
      type: 'json-schema',
      name: 'city',
      strict: true,
    });
  });

  it('throws the in-stream error of a stream that fails midway', async () => {
    const stream = client.responses.stream({ model: 'fails-mid-stream', input: 'Hi' });
    await expect(stream.finalResponse()).rejects.toThrow('The upstream did not answer in time.');
  });

  it('gets a BadRequestError naming the field for previous_response_id', async () => {
    const error = await client.responses
      .create({ model: 'my-model', input: 'Hi', previous_response_id: 'resp_1' })
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error).toMatchObject({
      status: 400,
      param: 'previous_response_id',
      code: 'unsupported_parameter',
    });
  });

  it('gets a NotFoundError when retrieving a response', async () => {
    await expect(client.responses.retrieve('resp_gw-2')).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });
});
