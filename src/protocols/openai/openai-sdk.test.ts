import Fastify, { type FastifyInstance } from 'fastify';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayError } from '../../core/errors.ts';
import type { ChatRequest, ChatResult, StreamEvent } from '../../core/model.ts';
import { simulateStream } from '../../streaming/simulate-stream.ts';
import { registerOpenAIRoutes } from './routes.ts';

// The official OpenAI SDK against the real routes on a real socket: what "compatible" means.

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

function checkModel(request: ChatRequest): void {
  if (request.model !== 'my-model') {
    throw new GatewayError('not_found', `The model "${request.model}" does not exist.`, {
      param: 'model',
      code: 'model_not_found',
    });
  }
}

async function* failingMidStream(): AsyncIterable<StreamEvent> {
  yield { type: 'response-start', id: 'gw-fail', servedModel: 'sfdc_ai__Up', created: 1_760_000_000, usage };
  yield { type: 'text-delta', index: 0, delta: 'Partial' };
  yield {
    type: 'error',
    error: new GatewayError('upstream_timeout', 'The upstream did not answer in time.'),
  };
}

function notCalled(): never {
  throw new Error('not called by the chat completions tests');
}

let app: FastifyInstance;
let client: OpenAI;

beforeAll(async () => {
  app = Fastify();
  registerOpenAIRoutes(app, {
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
      // openai-sdk-endpoints.test.ts drives the other endpoints.
      generate: notCalled,
      streamGenerate: notCalled,
      embed: notCalled,
      submitFeedback: notCalled,
    },
    keepAliveMs: 10_000,
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  client = new OpenAI({ apiKey: 'test-key', baseURL: `${address}/v1`, maxRetries: 0 });
});

afterAll(async () => {
  await app.close();
});

const functions: OpenAI.Chat.Completions.ChatCompletionCreateParams.Function[] = [
  { name: 'lookup_order', parameters: { type: 'object', properties: { order_id: { type: 'string' } } } },
  { name: 'ping' },
];
const tools = functions.map((definition) => ({ type: 'function' as const, function: definition }));

describe('the official OpenAI SDK', () => {
  it('gets a non-streaming answer', async () => {
    const completion = await client.chat.completions.create({
      model: 'my-model',
      messages: [{ role: 'user', content: 'Capital of France?' }],
    });
    expect(completion.choices[0]?.message.content).toBe('Paris is the capital of France. 😀');
    expect(completion.usage?.total_tokens).toBe(42);
  });

  it('assembles a streamed answer with its usage', async () => {
    const stream = client.chat.completions.stream({
      model: 'my-model',
      messages: [{ role: 'user', content: 'Capital of France?' }],
      stream_options: { include_usage: true },
    });
    const final = await stream.finalChatCompletion();
    expect(final.choices[0]?.message.content).toBe('Paris is the capital of France. 😀');
    expect(final.choices[0]?.finish_reason).toBe('stop');
    expect(final.usage?.total_tokens).toBe(42);
  });

  it('assembles streamed tool calls, including a call without arguments', async () => {
    const stream = client.chat.completions.stream({
      model: 'my-model',
      messages: [{ role: 'user', content: 'Where is order A17?' }],
      tools,
    });
    const final = await stream.finalChatCompletion();
    const message = final.choices[0]?.message;
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
    expect(message?.content).toBe('Looking it up.');
    expect(message?.tool_calls).toEqual([
      { id: 'call_1', type: 'function', function: { name: 'lookup_order', arguments: '{"order_id":"A17"}' } },
      { id: 'call_2', type: 'function', function: { name: 'ping', arguments: '{}' } },
    ]);
  });

  it('gets message.function_call for a legacy functions request', async () => {
    const completion = await client.chat.completions.create({
      model: 'my-model',
      messages: [{ role: 'user', content: 'Where is order A17?' }],
      functions,
    });
    const [choice] = completion.choices;
    expect(choice?.finish_reason).toBe('function_call');
    expect(choice?.message.function_call).toEqual({
      name: 'lookup_order',
      arguments: '{"order_id":"A17"}',
    });
    expect(choice?.message.tool_calls).toBeUndefined();
  });

  it('assembles a streamed legacy function_call', async () => {
    const stream = client.chat.completions.stream({
      model: 'my-model',
      messages: [{ role: 'user', content: 'Where is order A17?' }],
      functions,
    });
    const final = await stream.finalChatCompletion();
    const message = final.choices[0]?.message;
    expect(final.choices[0]?.finish_reason).toBe('function_call');
    expect(message?.content).toBe('Looking it up.');
    expect(message?.function_call).toEqual({ name: 'lookup_order', arguments: '{"order_id":"A17"}' });
    expect(message?.tool_calls ?? []).toEqual([]);
  });

  it('sends a tool result back and gets a normal answer', async () => {
    const completion = await client.chat.completions.create({
      model: 'my-model',
      messages: [
        { role: 'user', content: 'Where is order A17?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'lookup_order', arguments: '{"order_id":"A17"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '{"status":"shipped"}' },
      ],
    });
    expect(completion.choices[0]?.finish_reason).toBe('stop');
  });

  it('surfaces a validation error as BadRequestError with the param', async () => {
    const failure = client.chat.completions.create({
      model: 'my-model',
      messages: [{ role: 'user', content: 'Hi' }],
      temperature: 5,
    });
    await expect(failure).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    await expect(failure).rejects.toMatchObject({ status: 400, param: 'temperature', code: 'invalid_value' });
  });

  it('surfaces an unknown model in a stream as NotFoundError before any chunk', async () => {
    const failure = client.chat.completions.create({
      model: 'gpt-9',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
    });
    await expect(failure).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(failure).rejects.toMatchObject({ code: 'model_not_found' });
  });

  it('throws the in-stream error of a stream that fails after its first chunk', async () => {
    const stream = await client.chat.completions.create({
      model: 'fails-mid-stream',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
    });
    const received: string[] = [];
    const consume = async () => {
      for await (const chunk of stream) received.push(chunk.choices[0]?.delta.content ?? '');
    };
    await expect(consume()).rejects.toThrow('The upstream did not answer in time.');
    expect(received.join('')).toBe('Partial');
  });
});
