import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { generateText, isStepCount, type LanguageModel, streamText, tool } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';

let stack: GatewayStack;
beforeAll(async () => {
  stack = await startGatewayStack();
});
afterAll(async () => {
  await stack?.close();
});
beforeEach(() => {
  stack.simulator.reset();
});

// @ai-sdk/openai's default model speaks the Responses API; @ai-sdk/openai-compatible speaks
// chat completions. Both must work unchanged against the gateway.
const models: Array<[string, () => LanguageModel]> = [
  [
    '@ai-sdk/openai (Responses API)',
    () => createOpenAI({ baseURL: `${stack.url}/v1`, apiKey: 'test-key' })('gpt-4o-mini'),
  ],
  [
    '@ai-sdk/openai-compatible (chat completions)',
    () =>
      createOpenAICompatible({
        name: 'sfgw',
        baseURL: `${stack.url}/v1`,
        apiKey: 'test-key',
        includeUsage: true,
      }).chatModel('gpt-4o-mini'),
  ],
];

const weather = tool({
  description: 'Current weather for a city',
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => `It is 21 degrees in ${city}.`,
});

describe.each(models)('the Vercel AI SDK with %s', (_name, model) => {
  it('generateText returns the answer and usage', async () => {
    stack.simulator.enqueueReplies('Hello from the gateway.');
    const result = await generateText({ model: model(), prompt: 'Say hello', maxRetries: 0 });
    expect(result.text).toBe('Hello from the gateway.');
    expect(result.finishReason).toBe('stop');
    expect(result.usage.outputTokens).toBeGreaterThan(0);
  });

  it('streamText streams the same text', async () => {
    stack.simulator.enqueueReplies('Streamed through the gateway, word by word.');
    const result = streamText({ model: model(), prompt: 'Stream something', maxRetries: 0 });
    let text = '';
    for await (const delta of result.textStream) text += delta;
    expect(text).toBe('Streamed through the gateway, word by word.');
    expect(await result.finishReason).toBe('stop');
  });

  it('runs a tool call and uses its result in the final answer', async () => {
    const result = await generateText({
      model: model(),
      prompt: 'What is the weather? city=Lisbon',
      tools: { weather },
      stopWhen: isStepCount(3),
      maxRetries: 0,
    });
    const calls = result.steps.flatMap((step) => step.toolCalls);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ toolName: 'weather', input: { city: 'Lisbon' } });
    expect(result.text).toContain('It is 21 degrees in Lisbon.');
  });
});
