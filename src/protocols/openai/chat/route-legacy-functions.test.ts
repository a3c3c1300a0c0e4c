import { describe, expect, it } from 'vitest';
import type { ChatResult } from '../../../core/model.ts';
import { simulateStream } from '../../../streaming/simulate-stream.ts';
import { chatAnswer, collectSseEvents } from '../../shared/route.fixtures.ts';
import { chatBody, post, useOpenAIChatRouteApp } from './route.fixtures.ts';

const buildApp = useOpenAIChatRouteApp();

describe('POST /v1/chat/completions with legacy functions', () => {
  const callAnswer: ChatResult = {
    ...chatAnswer,
    content: [
      { type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } },
      { type: 'tool-call', id: 'call_2', name: 'get_time', arguments: { zone: 'CET' } },
    ],
    finishReason: { unified: 'tool-calls', raw: null },
  };
  const functions = [
    { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
    { name: 'get_time' },
  ];
  const legacyBody = { ...chatBody, functions, function_call: 'auto' };

  function buildToolApp() {
    return buildApp({ chat: async () => callAnswer, streamChat: () => simulateStream(callAnswer) });
  }

  it('answers with message.function_call for the first call and finish_reason function_call', async () => {
    const { app } = await buildToolApp();
    const response = await post(app, legacyBody);
    expect(response.statusCode).toBe(200);
    const [choice] = response.json().choices;
    expect(choice.message).toEqual({
      role: 'assistant',
      content: null,
      refusal: null,
      function_call: { name: 'get_weather', arguments: '{"city":"Paris"}' },
    });
    expect(choice.finish_reason).toBe('function_call');
  });

  it('hands the pipeline the functions as neutral tools', async () => {
    const { app, calls } = await buildApp();
    await post(app, legacyBody);
    expect(calls.requests[0]?.tools.map((tool) => tool.name)).toEqual(['get_weather', 'get_time']);
    expect(calls.requests[0]?.toolChoice).toEqual({ type: 'auto' });
  });

  it('keeps tool_calls for the same answer when the request sent tools', async () => {
    const { app } = await buildToolApp();
    const tools = functions.map((definition) => ({ type: 'function', function: definition }));
    const [choice] = (await post(app, { ...chatBody, tools })).json().choices;
    expect(choice.message).not.toHaveProperty('function_call');
    expect(choice.message.tool_calls).toHaveLength(2);
    expect(choice.finish_reason).toBe('tool_calls');
  });

  it('streams delta.function_call fragments that assemble into the first call', async () => {
    const { app } = await buildToolApp();
    const response = await post(app, { ...legacyBody, stream: true });
    const events = collectSseEvents(response.body);
    expect(events.at(-1)?.data).toBe('[DONE]');
    const choices = events.slice(0, -1).map((event) => JSON.parse(event.data).choices[0]);
    const fragments = choices.flatMap((choice) => choice.delta.function_call ?? []);
    expect(fragments[0]).toEqual({ name: 'get_weather', arguments: '' });
    expect(JSON.parse(fragments.map((fragment) => fragment.arguments).join(''))).toEqual({ city: 'Paris' });
    expect(choices.some((choice) => 'tool_calls' in choice.delta)).toBe(false);
    expect(choices.at(-1).finish_reason).toBe('function_call');
  });
});
