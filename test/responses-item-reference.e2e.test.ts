import { createOpenAI } from '@ai-sdk/openai';
import { generateText, isStepCount, streamText, tool } from 'ai';
import { beforeEach, expect, it } from 'vitest';
import { z } from 'zod';
import type { Reply, Simulator } from '../src/simulator/simulator.ts';
import { describeEachSurface, type UpstreamSurface, upstreamChatCalls } from './support/each-surface.ts';

// @ai-sdk/openai's default model assumes stored responses: from the second step on it sends the
// assistant text of earlier steps back as `{type: "item_reference", id}`. Through the real
// gateway and the simulator, those references must resolve to the text the gateway produced.

// The `input` of every Responses call the SDK made, to prove it really sent references.
const sentInputs: unknown[][] = [];

function model(gatewayUrl: string) {
  const openai = createOpenAI({
    baseURL: `${gatewayUrl}/v1`,
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

// A preamble and a call: the Models API gets them as text and a <tool_calls> envelope, the native
// surface as text and a real function_call.
const preambleAndCall: Reply = {
  text: 'Let me check.',
  toolCalls: [{ name: 'weather', arguments: { city: 'Oslo' } }],
};
const finalAnswer = 'It is 12 degrees in Oslo today.';

function referencesIn(input: unknown[] | undefined): unknown[] {
  return (input ?? []).filter((item) => (item as { type?: unknown }).type === 'item_reference');
}

/** The assistant texts the simulator received on the surface's last chat call: chat-generations
 * messages, or the output_text of assistant message items on /responses. */
function lastUpstreamAssistantTexts(simulator: Simulator, surface: UpstreamSurface): string[] {
  if (surface === 'models') {
    const body = simulator.requests('chat-generations').at(-1)?.body as {
      messages: Array<{ role: string; content: string }>;
    };
    return body.messages.filter((message) => message.role === 'assistant').map((message) => message.content);
  }
  const body = simulator.requests('responses').at(-1)?.body as {
    input: Array<{ role?: string; content?: string | Array<{ text?: string }> }>;
  };
  return body.input
    .filter((item) => item.role === 'assistant')
    .map((item) =>
      typeof item.content === 'string'
        ? item.content
        : (item.content ?? []).map((part) => part.text ?? '').join(''),
    );
}

describeEachSurface('item references from the Vercel AI SDK default OpenAI model', (suite) => {
  const { surface } = suite;
  beforeEach(() => {
    sentInputs.length = 0;
  });

  it('generateText completes a tool loop whose first step had text', async () => {
    suite.stack.simulator.enqueueReplies(preambleAndCall, finalAnswer);
    const result = await generateText({
      model: model(suite.stack.url),
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
    expect(lastUpstreamAssistantTexts(suite.stack.simulator, surface).join('\n')).toContain('Let me check.');
  });

  it('streamText completes the same loop: streamed answers are remembered too', async () => {
    suite.stack.simulator.enqueueReplies(preambleAndCall, finalAnswer);
    const result = streamText({
      model: model(suite.stack.url),
      prompt: 'What is the weather in Oslo?',
      tools: { weather },
      stopWhen: isStepCount(3),
      maxRetries: 0,
    });
    expect(await result.text).toBe(finalAnswer);
    expect((await result.steps)[0]?.text).toBe('Let me check.');
    expect(referencesIn(sentInputs[1])).toHaveLength(1);
    expect(lastUpstreamAssistantTexts(suite.stack.simulator, surface).join('\n')).toContain('Let me check.');
  });

  it('continues a chat from the response messages of the previous turn', async () => {
    suite.stack.simulator.enqueueReplies(
      'Oslo is the capital of Norway.',
      'About 700,000 people live there.',
    );
    const question = { role: 'user' as const, content: 'What is the capital of Norway?' };
    const first = await generateText({ model: model(suite.stack.url), messages: [question], maxRetries: 0 });
    const second = await generateText({
      model: model(suite.stack.url),
      messages: [question, ...first.response.messages, { role: 'user', content: 'How many live there?' }],
      maxRetries: 0,
    });
    expect(second.text).toBe('About 700,000 people live there.');
    expect(referencesIn(sentInputs[1])).toHaveLength(1);
    expect(lastUpstreamAssistantTexts(suite.stack.simulator, surface)).toEqual([
      'Oslo is the capital of Norway.',
    ]);
  });

  it('answers a reference this gateway never produced with a 400 that names the fix', async () => {
    const response = await fetch(`${suite.stack.url}/v1/responses`, {
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
    expect(upstreamChatCalls(suite.stack.simulator, surface)).toBe(0);
    if (surface === 'models') expect(suite.stack.simulator.requests('chat-generations')).toEqual([]);
  });
});
