import { describe, expect, it } from 'vitest';
import { readJson } from '../simulator-client.ts';
import { startSimulatorUnderTest } from '../simulator-under-test.fixtures.ts';
import { postNative, readSse } from './native-client.fixtures.ts';

const { simulator, client } = await startSimulatorUnderTest();
const token = await client.fetchToken();

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

async function chat(model: string, messages: unknown[], extra: Record<string, unknown> = {}) {
  return postNative(simulator, '/chat/generations', { token, body: { model, messages, ...extra } });
}

async function chatStream(model: string, messages: unknown[], extra: Record<string, unknown> = {}) {
  const response = await postNative(simulator, '/chat/generations/stream', {
    token,
    body: { model, messages, ...extra },
  });
  expect(response.status).toBe(200);
  return readSse(await response.text());
}

describe('POST /chat/generations', () => {
  it.each([
    [
      'sfdc_ai__DefaultGPT41Mini',
      { prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number) },
    ],
    [
      'sfdc_ai__DefaultBedrockAnthropicClaude4Sonnet',
      { inputTokens: expect.any(Number), outputTokens: expect.any(Number) },
    ],
    [
      'sfdc_ai__DefaultVertexAIGeminiPro25',
      { inputTokenCount: expect.any(Number), totalTokenCount: expect.any(Number) },
    ],
  ])('answers %s in snake_case with its provider usage spelling', async (model, usage) => {
    const body = await readJson(
      await chat(model, [{ role: 'user', content: 'Hello' }], { reasoning_effort: 'high' }),
    );
    const [generation] = body.generation_details.generations;
    expect(generation).toMatchObject({ role: 'assistant', content: 'Simulated reply to: Hello' });
    expect(generation.parameters.finish_reason).toBe('stop');
    expect(body.generation_details.parameters.usage).toMatchObject(usage);
  });

  it('answers tool_invocations and reads role tool results', async () => {
    const model = 'sfdc_ai__DefaultGPT41Mini';
    const ask = [{ role: 'user', content: 'weather city=Lima' }];
    const first = await readJson(
      await chat(model, ask, { tools: [weatherTool], tool_config: { mode: 'auto' } }),
    );
    const [generation] = first.generation_details.generations;
    expect(generation.parameters.finish_reason).toBe('tool_calls');
    const [invocation] = generation.tool_invocations;
    expect(invocation).toEqual({
      id: expect.stringMatching(/^call_/),
      function: { name: 'get_weather', arguments: '{"city":"Lima"}' },
    });
    const history = [
      ...ask,
      { role: 'assistant', content: '', tool_invocations: [invocation] },
      { role: 'tool', content: 'fog', tool_call_id: invocation.id, tool_call_name: 'get_weather' },
    ];
    const second = await readJson(await chat(model, history, { tools: [weatherTool] }));
    expect(second.generation_details.generations[0].content).toBe(
      'Based on the tool results: get_weather: fog',
    );
  });

  it('does not call tools when tool_config.mode is none', async () => {
    const body = await readJson(
      await chat('sfdc_ai__DefaultGPT41Mini', [{ role: 'user', content: 'get_weather' }], {
        tools: [weatherTool],
        tool_config: { mode: 'none' },
      }),
    );
    expect(body.generation_details.generations[0].tool_invocations).toBeUndefined();
  });

  it.each([
    [
      'OpenAI tool_calls',
      { tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }] },
    ],
    [
      'tool_invocations with type and index',
      {
        tool_invocations: [
          { id: 'c1', type: 'function', index: 0, function: { name: 'f', arguments: '{}' } },
        ],
      },
    ],
  ])('rejects a tool message after %s with the provider text', async (_label, calls) => {
    const history = [
      { role: 'user', content: 'x' },
      { role: 'assistant', content: '', ...calls },
      { role: 'tool', content: 'r', tool_call_id: 'c1' },
    ];
    const response = await chat('sfdc_ai__DefaultGPT41Mini', history);
    expect(response.status).toBe(400);
    expect((await readJson(response)).message).toContain('must be a response to a preceding message with');
  });
});

describe('POST /chat/generations/stream', () => {
  it('streams generation deltas, then scoring events, then [DONE]', async () => {
    const events = await chatStream('sfdc_ai__DefaultGPT41Mini', [{ role: 'user', content: 'Hello there' }]);
    const names = events.map((event) => event.event);
    expect(names.slice(-4)).toEqual(['scoringStarted', 'scores', 'scoringCompleted', 'generation']);
    expect(events.at(-1)?.data).toBe('[DONE]');
    const chunks = events.slice(0, -4).map((event) => JSON.parse(event.data).generation_details);
    const finishes = chunks.map((chunk) => chunk.generations[0].parameters.finish_reason);
    expect(finishes.slice(0, -1).every((finish) => finish === null)).toBe(true);
    expect(finishes.at(-1)).toBe('stop');
    expect(chunks.map((chunk) => chunk.generations[0].content).join('')).toBe(
      'Simulated reply to: Hello there',
    );
    expect(chunks.at(-1).parameters.usage.prompt_tokens).toBeGreaterThan(0);
    const scores = JSON.parse(events.at(-3)?.data ?? '').generation_details.generations[0];
    expect(scores.content).toBe('Simulated reply to: Hello there');
    expect(scores.generation_safety_score.category_scores).toHaveProperty('toxicity');
  });

  it('streams tool_invocations fragments: id and name first, then arguments with the id and index', async () => {
    const events = await chatStream(
      'sfdc_ai__DefaultBedrockAnthropicClaude4Sonnet',
      [{ role: 'user', content: 'city=Baku' }],
      {
        tools: [weatherTool],
      },
    );
    const fragments = events
      .filter((event) => event.event === 'generation' && event.data !== '[DONE]')
      .flatMap((event) => JSON.parse(event.data).generation_details.generations[0].tool_invocations ?? []);
    const [first, ...rest] = fragments;
    expect(first).toMatchObject({ index: 0, function: { name: 'get_weather', arguments: '' } });
    expect(
      rest.every(
        (fragment: { id: string; index: number }) => fragment.id === first.id && fragment.index === 0,
      ),
    ).toBe(true);
    expect(
      JSON.parse(
        rest.map((fragment: { function: { arguments: string } }) => fragment.function.arguments).join(''),
      ),
    ).toEqual({ city: 'Baku' });
  });

  it('leaves the id off later fragments and ends with a bare DONE when told', async () => {
    simulator.setNativeSettings({ idlessToolFragments: true, bareDone: true });
    const events = await chatStream('sfdc_ai__DefaultGPT41Mini', [{ role: 'user', content: 'city=Baku' }], {
      tools: [weatherTool],
    });
    expect(events.at(-1)?.data).toBe('DONE');
    const fragments = events
      .slice(0, -4)
      .flatMap((event) => JSON.parse(event.data).generation_details.generations[0].tool_invocations ?? []);
    expect(fragments.slice(1).every((fragment: object) => !('id' in fragment))).toBe(true);
  });
});
