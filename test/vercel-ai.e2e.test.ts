import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { generateText, isStepCount, type LanguageModel, streamText, tool } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeEachSurface } from './support/each-surface.ts';

// @ai-sdk/openai's default model speaks the Responses API; @ai-sdk/openai-compatible speaks
// chat completions. Both must work unchanged against the gateway.
const models: Array<[string, (gatewayUrl: string) => LanguageModel]> = [
  [
    '@ai-sdk/openai (Responses API)',
    (gatewayUrl) => createOpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'test-key' })('gpt-4o-mini'),
  ],
  [
    '@ai-sdk/openai-compatible (chat completions)',
    (gatewayUrl) =>
      createOpenAICompatible({
        name: 'sfgw',
        baseURL: `${gatewayUrl}/v1`,
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

describeEachSurface('the Vercel AI SDK', (suite) => {
  describe.each(models)('with %s', (_name, modelAt) => {
    const model = () => modelAt(suite.stack.url);
    it('generateText returns the answer and usage', async () => {
      suite.stack.simulator.enqueueReplies('Hello from the gateway.');
      const result = await generateText({ model: model(), prompt: 'Say hello', maxRetries: 0 });
      expect(result.text).toBe('Hello from the gateway.');
      expect(result.finishReason).toBe('stop');
      expect(result.usage.outputTokens).toBeGreaterThan(0);
    });

    it('streamText streams the same text', async () => {
      suite.stack.simulator.enqueueReplies('Streamed through the gateway, word by word.');
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
});
