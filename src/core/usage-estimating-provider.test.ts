import { describe, expect, it } from 'vitest';
import type { StreamEvent } from './model.ts';
import {
  collectEvents,
  generationRequest,
  scriptedProvider,
  testContext,
  textAnswer,
  textRequest,
} from './provider.fixtures.ts';
import type { Provider } from './provider.ts';
import { TokenCounter } from './token-counter.ts';
import { createUsageEstimatingProvider } from './usage-estimating-provider.ts';

const noUsage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
const answer = 'The quick brown fox jumps over the lazy dog.';

// A provider whose upstream gave no usage: it answers with zeros, as the providers read a missing usage.
function upstreamWithoutUsage(): Provider {
  const { provider } = scriptedProvider({ replies: [] });
  const result = { ...textAnswer(answer), usage: noUsage };
  return { ...provider, chat: async () => result, generate: async () => result };
}

describe('createUsageEstimatingProvider', () => {
  it('counts the prompt and the answer of a chat without usage, and flags them as estimated', async () => {
    const provider = createUsageEstimatingProvider(upstreamWithoutUsage(), new TokenCounter());
    const { usage } = await provider.chat(textRequest('Tell me about foxes and dogs.'), testContext);
    expect(usage.estimated).toBe(true);
    expect(usage.inputTokens).toBeGreaterThan(4);
    expect(usage.outputTokens).toBeGreaterThan(5);
    expect(usage.totalTokens).toBe(usage.inputTokens + usage.outputTokens);
  });

  it('counts a bare prompt too', async () => {
    const provider = createUsageEstimatingProvider(upstreamWithoutUsage(), new TokenCounter());
    const { usage } = await provider.generate(generationRequest('Tell me about foxes.'), testContext);
    expect(usage).toMatchObject({ estimated: true });
    expect(usage.inputTokens).toBeGreaterThan(0);
  });

  it('passes the usage the upstream gave through untouched', async () => {
    const upstream = scriptedProvider({ replies: [answer] });
    const provider = createUsageEstimatingProvider(upstream.provider, new TokenCounter());
    const { usage } = await provider.chat(textRequest('Hello'), testContext);
    expect(usage).toEqual({ inputTokens: 10, outputTokens: 5, totalTokens: 15 });
  });

  it("estimates a stream's finish from the streamed text when it carries no usage", async () => {
    const streamed: StreamEvent[] = [
      { type: 'response-start', id: 'r', servedModel: 'up', created: 1, usage: noUsage },
      { type: 'text-start', index: 0 },
      { type: 'text-delta', index: 0, delta: answer },
      { type: 'text-end', index: 0 },
      { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: noUsage },
    ];
    const upstream = scriptedProvider({ replies: [], streamed });
    const provider = createUsageEstimatingProvider(upstream.provider, new TokenCounter());
    const events = await collectEvents(provider.streamChat?.(textRequest('Foxes?'), testContext));
    expect(events.slice(0, -1)).toEqual(streamed.slice(0, -1));
    const finish = events.at(-1);
    expect(finish?.type === 'finish' && finish.usage.estimated).toBe(true);
    expect(finish?.type === 'finish' && finish.usage.outputTokens).toBe(new TokenCounter().countText(answer));
  });

  it('leaves a stream whose finish carries usage as it is', async () => {
    const usage = { inputTokens: 3, outputTokens: 2, totalTokens: 5 };
    const streamed: StreamEvent[] = [
      { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage },
    ];
    const upstream = scriptedProvider({ replies: [], streamed });
    const provider = createUsageEstimatingProvider(upstream.provider, new TokenCounter());
    expect(await collectEvents(provider.streamChat?.(textRequest('Hi'), testContext))).toEqual(streamed);
  });
});
