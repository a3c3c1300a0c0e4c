import { createOpenAI } from '@ai-sdk/openai';
import { generateText, isStepCount, streamText, tool } from 'ai';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ChatRequest, ChatResult } from '../../../core/model.ts';
import { simulateStream } from '../../../streaming/simulate-stream.ts';
import { registerResponsesRoutes } from './routes.ts';

// The Vercel AI SDK's default OpenAI model (`openai(id)`), which speaks the Responses API, against
// the real routes on a real socket.

const usage = { inputTokens: 30, outputTokens: 12, totalTokens: 42 };

// Calls `weather` once, with a preamble when the prompt asks for one, then answers from its result.
function answerFor(request: ChatRequest, id: string): ChatResult {
  const last = request.messages.at(-1);
  const result = last?.role === 'tool' ? last.content.find((part) => part.type === 'tool-result') : undefined;
  const prompt = JSON.stringify(request.messages[0]?.content);
  let content: ChatResult['content'] = [{ type: 'text', text: 'Hello from the gateway.' }];
  if (result) content = [{ type: 'text', text: `Forecast: ${result.content}` }];
  else if (request.tools.length > 0) {
    content = [{ type: 'tool-call', id: 'call_w1', name: 'weather', arguments: { city: 'Lisbon' } }];
    if (prompt.includes('preamble')) content.unshift({ type: 'text', text: 'Let me check.' });
  }
  return {
    id,
    servedModel: 'sfdc_ai__Up',
    created: 1_760_000_000,
    content,
    finishReason: { unified: result || request.tools.length === 0 ? 'stop' : 'tool-calls', raw: null },
    usage,
  };
}

let app: FastifyInstance;
let baseURL: string;
// What the SDK sent, and what reached the pipeline.
const responseBodies: Array<{ input?: unknown[] }> = [];
const chatRequests: ChatRequest[] = [];

function record(request: ChatRequest): ChatResult {
  chatRequests.push(structuredClone(request));
  // Unique ids, so that no test resolves a reference to an item another test produced.
  return answerFor(request, `gw-${chatRequests.length}`);
}

beforeAll(async () => {
  app = Fastify();
  app.addHook('preHandler', async (request) => {
    responseBodies.push(request.body as { input?: unknown[] });
  });
  registerResponsesRoutes(app, {
    pipeline: {
      chat: async (request) => record(request),
      streamChat: (request) => simulateStream(record(request)),
    },
    keepAliveMs: 10_000,
  });
  baseURL = `${await app.listen({ port: 0, host: '127.0.0.1' })}/v1`;
});

afterAll(async () => {
  await app.close();
});

const weather = tool({
  description: 'Current weather for a city',
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => `21 degrees in ${city}`,
});

function model() {
  return createOpenAI({ baseURL, apiKey: 'test-key' })('my-model');
}

describe('the Vercel AI SDK with @ai-sdk/openai (Responses API)', () => {
  it('generateText returns the answer, finish reason and usage', async () => {
    const result = await generateText({ model: model(), prompt: 'Say hello', maxRetries: 0 });
    expect(result.text).toBe('Hello from the gateway.');
    expect(result.finishReason).toBe('stop');
    expect(result.usage).toMatchObject({ inputTokens: 30, outputTokens: 12 });
  });

  it('streamText streams the same text', async () => {
    const result = streamText({ model: model(), prompt: 'Say hello', maxRetries: 0 });
    let text = '';
    for await (const delta of result.textStream) text += delta;
    expect(text).toBe('Hello from the gateway.');
    expect(await result.finishReason).toBe('stop');
  });

  it('runs a multi-step tool loop, streamed', async () => {
    const result = streamText({
      model: model(),
      prompt: 'Weather in Lisbon?',
      tools: { weather },
      stopWhen: isStepCount(3),
      maxRetries: 0,
    });
    expect(await result.text).toBe('Forecast: 21 degrees in Lisbon');
    const steps = await result.steps;
    expect(steps[0]?.toolCalls).toMatchObject([{ toolName: 'weather', input: { city: 'Lisbon' } }]);
  });

  // By default the SDK assumes stored responses and sends earlier assistant text back as an
  // item_reference; the gateway resolves it to the item it produced.
  it.each([
    ['generateText', async (request: Parameters<typeof generateText>[0]) => generateText(request)],
    [
      'streamText',
      async (request: Parameters<typeof streamText>[0]) => {
        const result = streamText(request);
        return { text: await result.text, steps: await result.steps };
      },
    ],
  ])('resolves the item reference a tool loop sends after a preamble (%s)', async (_name, run) => {
    const received = chatRequests.length;
    const bodies = responseBodies.length;
    const result = await run({
      model: model(),
      prompt: 'Weather in Lisbon? Start with a preamble.',
      tools: { weather },
      stopWhen: isStepCount(3),
      maxRetries: 0,
    });
    expect(result.steps[0]?.text).toBe('Let me check.');
    expect(result.text).toBe('Forecast: 21 degrees in Lisbon');
    const [, followUp] = responseBodies.slice(bodies);
    expect(followUp?.input).toContainEqual({ type: 'item_reference', id: `msg_gw-${received + 1}_0` });
    expect(chatRequests[received + 1]?.messages.find((message) => message.role === 'assistant')).toEqual({
      role: 'assistant',
      content: [
        { type: 'text', text: 'Let me check.' },
        { type: 'tool-call', id: 'call_w1', name: 'weather', arguments: { city: 'Lisbon' } },
      ],
    });
  });
});
