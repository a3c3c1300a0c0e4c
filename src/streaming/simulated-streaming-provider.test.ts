import { describe, expect, it } from 'vitest';
import {
  collectEvents,
  generationRequest,
  scriptedProvider,
  testContext,
  textRequest,
} from '../core/provider.fixtures.ts';
import { simulateStream } from './simulate-stream.ts';
import { createSimulatedStreamingProvider } from './simulated-streaming-provider.ts';

describe('createSimulatedStreamingProvider', () => {
  it('streams a chat by replaying the whole answer', async () => {
    const upstream = scriptedProvider({ replies: ['Sunny today.', 'Sunny today.'] });
    const provider = createSimulatedStreamingProvider(upstream.provider);
    const request = textRequest('Weather?');
    const events = await collectEvents(provider.streamChat?.(request, testContext));
    expect(events).toEqual(
      await collectEvents(simulateStream(await upstream.provider.chat(request, testContext))),
    );
    expect(upstream.chats).toEqual([request, request]);
  });

  it('streams a bare prompt by replaying the whole answer', async () => {
    const upstream = scriptedProvider({ replies: ['Once upon a time.'] });
    const provider = createSimulatedStreamingProvider(upstream.provider);
    const events = await collectEvents(provider.streamGenerate?.(generationRequest('Tell'), testContext));
    const deltas = events.flatMap((event) => (event.type === 'text-delta' ? [event.delta] : []));
    expect(deltas.join('')).toBe('Once upon a time.');
    expect(events.at(-1)?.type).toBe('finish');
  });

  it('throws an upstream failure before any event, so it reaches the client as a plain HTTP error', async () => {
    const upstream = scriptedProvider({ replies: [] });
    const provider = createSimulatedStreamingProvider(upstream.provider);
    const stream = provider.streamChat?.(textRequest('Hi'), testContext);
    const firstStep = stream?.[Symbol.asyncIterator]().next();
    await expect(firstStep).rejects.toThrow('provider called more often than scripted');
  });
});
