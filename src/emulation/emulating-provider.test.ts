import { describe, expect, it } from 'vitest';
import type { ChatRequest, StreamEvent, ToolDefinition } from '../core/model.ts';
import { createPromptLimitedProvider } from '../core/prompt-limited-provider.ts';
import {
  collectEvents,
  scriptedProvider,
  testContext,
  textOnlyCapabilities,
  textRequest,
} from '../core/provider.fixtures.ts';
import { TokenCounter } from '../core/token-counter.ts';
import { emulating } from './emulating-provider.fixtures.ts';

const weatherTool: ToolDefinition = {
  name: 'get_weather',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const call = '<tool_calls>\n[{"name":"get_weather","arguments":{"city":"Paris"}}]\n</tool_calls>';
const nativeStream: StreamEvent[] = [
  { type: 'text-start', index: 0 },
  { type: 'text-delta', index: 0, delta: 'Native.' },
  { type: 'text-end', index: 0 },
  {
    type: 'finish',
    finishReason: { unified: 'stop', raw: 'stop' },
    usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
  },
];

function toolRequest(): ChatRequest {
  return textRequest('Weather in Paris?', { tools: [weatherTool] });
}

describe('createEmulatingProvider', () => {
  it('passes a request that needs no emulation to the upstream untouched', async () => {
    const upstream = scriptedProvider({ replies: ['Hello.'] });
    const { provider, toolOutcomes } = emulating(upstream.provider);
    const request = textRequest('Hi');
    await expect(provider.chat(request, testContext)).resolves.toMatchObject({
      content: [{ text: 'Hello.' }],
    });
    expect(upstream.chats[0]).toBe(request);
    expect(toolOutcomes).toEqual([]);
  });

  it('sends the tool instruction upstream, reads the call back and reports how it read', async () => {
    const upstream = scriptedProvider({ replies: [call] });
    const { provider, toolOutcomes } = emulating(upstream.provider);
    const result = await provider.chat(toolRequest(), testContext);
    expect(upstream.chats[0]?.messages[0]?.role).toBe('system');
    expect(result.content).toEqual([
      { type: 'tool-call', id: expect.any(String), name: 'get_weather', arguments: { city: 'Paris' } },
    ]);
    expect(toolOutcomes).toEqual(['parsed']);
  });

  it('reports structured-output outcomes, the follow-up call included', async () => {
    const upstream = scriptedProvider({ replies: ['no json', '{"name":"Oslo"}'] });
    const { provider, structuredOutcomes } = emulating(upstream.provider);
    const responseFormat = {
      type: 'json-schema' as const,
      name: 'city',
      strict: true,
      schema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
    };
    const result = await provider.chat(textRequest('City?', { responseFormat }), testContext);
    expect(result.content).toEqual([{ type: 'text', text: '{"name":"Oslo"}' }]);
    expect(upstream.chats).toHaveLength(2);
    expect(structuredOutcomes).toEqual(['corrected']);
  });

  it('counts the prompt as the upstream receives it, instructions included', async () => {
    const upstream = scriptedProvider({ replies: [] });
    const tokenCounter = new TokenCounter();
    const limited = createPromptLimitedProvider(upstream.provider, {
      tokenCounter,
      promptTokenLimit: 100_000,
    });
    const { provider } = emulating(limited);
    const request = toolRequest();
    const bare = await tokenCounter.countMessages(request.messages);
    expect(await provider.countPromptTokens?.(request)).toBeGreaterThan(bare);
    expect(await provider.countPromptTokens?.(textRequest('Weather in Paris?'))).toBe(bare);
  });

  it('has no stream of its own over an upstream that cannot stream', () => {
    const { provider } = emulating(scriptedProvider({ replies: [] }).provider);
    expect(provider.streamChat).toBeUndefined();
  });

  it('over a streaming upstream, streams plain requests natively and replays emulated answers', async () => {
    const upstream = scriptedProvider({
      replies: [call],
      capabilities: { ...textOnlyCapabilities, nativeStreaming: true },
      streamed: nativeStream,
    });
    const { provider } = emulating(upstream.provider);
    expect(await collectEvents(provider.streamChat?.(textRequest('Hi'), testContext))).toEqual(nativeStream);
    const replayed = await collectEvents(provider.streamChat?.(toolRequest(), testContext));
    expect(replayed.find((event) => event.type === 'tool-call-end')).toMatchObject({
      arguments: { city: 'Paris' },
    });
    expect(upstream.streams).toHaveLength(1);
    expect(upstream.chats).toHaveLength(1);
  });
});

describe('createEmulatingProvider over a provider that calls tools natively', () => {
  const nativeTools = { ...textOnlyCapabilities, nativeTools: true, nativeStreaming: true };
  const schemaFormat = {
    type: 'json-schema' as const,
    name: 'forecast',
    schema: { type: 'object', properties: { sky: { type: 'string' } }, required: ['sky'] },
    strict: true,
  };

  it('leaves tools to the provider: no instruction, no envelope reading, and its native stream', async () => {
    const upstream = scriptedProvider({ replies: [call], capabilities: nativeTools, streamed: nativeStream });
    const { provider, toolOutcomes } = emulating(upstream.provider);
    const request = toolRequest();
    await expect(provider.chat(request, testContext)).resolves.toMatchObject({ content: [{ text: call }] });
    expect(upstream.chats[0]).toBe(request);
    await expect(collectEvents(provider.streamChat?.(request, testContext))).resolves.toEqual(nativeStream);
    expect(upstream.streams).toHaveLength(1);
    expect(toolOutcomes).toEqual([]);
  });

  it('still emulates structured output, without rewriting the tool history as text', async () => {
    const upstream = scriptedProvider({ replies: ['{"sky":"clear"}'], capabilities: nativeTools });
    const { provider, structuredOutcomes } = emulating(upstream.provider);
    const request = textRequest('Forecast?', { tools: [weatherTool], responseFormat: schemaFormat });
    await expect(provider.chat(request, testContext)).resolves.toMatchObject({
      content: [{ type: 'text', text: '{"sky":"clear"}' }],
    });
    const sent = upstream.chats[0];
    expect(sent?.tools).toEqual([weatherTool]);
    expect(sent?.messages[0]?.role).toBe('system');
    expect(sent?.messages.slice(1)).toEqual(request.messages);
    expect(structuredOutcomes).toEqual(['valid']);
  });
});
