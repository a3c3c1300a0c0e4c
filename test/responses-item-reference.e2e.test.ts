import { createOpenAI } from '@ai-sdk/openai';
import { generateText, isStepCount, streamText, tool } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';

// @ai-sdk/openai's default model assumes stored responses: from the second step on it sends the
// assistant text of earlier steps back as `{type: "item_reference", id}`. Through the real
// gateway and the simulator, those references must resolve to the text the gateway produced.

let stack: GatewayStack;
beforeAll(async () => {
  stack = await startGatewayStack();
});
afterAll(async () => {
  await stack?.close();
});
beforeEach(() => {
  stack.simulator.reset();
  sentInputs.length = 0;
});

// The `input` of every Responses call the SDK made, to prove it really sent references.
const sentInputs: unknown[][] = [];

function model() {
  const openai = createOpenAI({
    baseURL: `${stack.url}/v1`,
    apiKey: 'test-key',
    fetch: async (url, init) => {
      sentInputs.push(JSON.parse(String(init?.body)).input);
      return fetch(url, init);
    },
  });
  return openai('gpt-4o-mini');
}

const weather = tool({
  description: 'Current weather for a city',
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => `It is 12 degrees in ${city}.`,
});

const preambleAndCall =
  'Let me check.\n<tool_calls>\n[{"name":"weather","arguments":{"city":"Oslo"}}]\n</tool_calls>';
const finalAnswer = 'It is 12 degrees in Oslo today.';

function referencesIn(input: unknown[] | undefined): unknown[] {
  return (input ?? []).filter((item) => (item as { type?: unknown }).type === 'item_reference');
}

/** The assistant messages the simulator received on its last chat-generations call. */
function lastUpstreamAssistantTexts(): string[] {
  const body = stack.simulator.requests('chat-generations').at(-1)?.body as {
    messages: Array<{ role: string; content: string }>;
  };
  return body.messages.filter((message) => message.role === 'assistant').map((message) => message.content);
}

describe('item references from the Vercel AI SDK default OpenAI model', () => {
  it('generateText completes a tool loop whose first step had text', async () => {
    stack.simulator.enqueueReplies(preambleAndCall, finalAnswer);
    const result = await generateText({
      model: model(),
      prompt: 'What is the weather in Oslo?',
      tools: { weather },
      stopWhen: isStepCount(3),
      maxRetries: 0,
    });
    expect(result.text).toBe(finalAnswer);
    expect(result.steps).toHaveLength(2);
    expect(result.steps[0]?.text).toBe('Let me check.');
    expect(result.steps[0]?.toolCalls).toMatchObject([{ toolName: 'weather', input: { city: 'Oslo' } }]);
    expect(referencesIn(sentInputs[1])).toHaveLength(1);
    expect(lastUpstreamAssistantTexts().join('\n')).toContain('Let me check.');
  });

  it('streamText completes the same loop: streamed answers are remembered too', async () => {
    stack.simulator.enqueueReplies(preambleAndCall, finalAnswer);
    const result = streamText({
      model: model(),
      prompt: 'What is the weather in Oslo?',
      tools: { weather },
      stopWhen: isStepCount(3),
      maxRetries: 0,
    });
    expect(await result.text).toBe(finalAnswer);
    expect((await result.steps)[0]?.text).toBe('Let me check.');
    expect(referencesIn(sentInputs[1])).toHaveLength(1);
    expect(lastUpstreamAssistantTexts().join('\n')).toContain('Let me check.');
  });

  it('continues a chat from the response messages of the previous turn', async () => {
    stack.simulator.enqueueReplies('Oslo is the capital of Norway.', 'About 700,000 people live there.');
    const question = { role: 'user' as const, content: 'What is the capital of Norway?' };
    const first = await generateText({ model: model(), messages: [question], maxRetries: 0 });
    const second = await generateText({
      model: model(),
      messages: [question, ...first.response.messages, { role: 'user', content: 'How many live there?' }],
      maxRetries: 0,
    });
    expect(second.text).toBe('About 700,000 people live there.');
    expect(referencesIn(sentInputs[1])).toHaveLength(1);
    expect(lastUpstreamAssistantTexts()).toEqual(['Oslo is the capital of Norway.']);
  });

  it('answers a reference this gateway never produced with a 400 that names the fix', async () => {
    const response = await fetch(`${stack.url}/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer test-key' },
      body: JSON.stringify({
        model: 'gpt-4o-mini',
        input: [
          { role: 'user', content: 'Hi' },
          { type: 'item_reference', id: 'msg_from_elsewhere' },
        ],
      }),
    });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { param: string; message: string } };
    expect(error.param).toBe('input[1]');
    expect(error.message).toContain('providerOptions.openai.store = false');
    expect(stack.simulator.requests('chat-generations')).toEqual([]);
  });
});
