import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { expect, it } from 'vitest';
import { z } from 'zod';
import type { Simulator } from '../src/simulator/simulator.ts';
import { describeEachSurface, expectAppHeaders, upstreamChatCalls } from './support/each-surface.ts';

const weatherTool: OpenAI.ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
      required: ['city'],
    },
  },
};
const timeTool: OpenAI.ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_time',
    description: 'Local time in a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

const lastChatRequest = (simulator: Simulator) =>
  simulator.requests('chat-generations').at(-1)?.body as {
    messages: Array<{ role: string; content: string }>;
  };

/** The body of the last /responses call, where GPT models go on the native surface. */
const lastResponsesRequest = (simulator: Simulator) =>
  simulator.requests('responses').at(-1)?.body as {
    input: Array<Record<string, unknown>>;
    tools?: Array<Record<string, unknown>>;
    tool_choice?: unknown;
  };

// On the Models API the tools are emulated in the prompt; on the native surface they are real tools.
describeEachSurface('tool calling with the official openai client', (suite) => {
  const { surface } = suite;
  it('returns one call with parsed arguments, a call_ id and finish_reason tool_calls', async () => {
    const completion = await suite.stack.openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'What is the weather like? city=Paris' }],
      tools: [weatherTool],
    });
    const choice = completion.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.tool_calls).toHaveLength(1);
    const call = choice?.message.tool_calls?.[0] as OpenAI.ChatCompletionMessageFunctionToolCall;
    expect(call.id).toMatch(/^call_/);
    expect(call.type).toBe('function');
    expect(call.function.name).toBe('get_weather');
    expect(JSON.parse(call.function.arguments)).toMatchObject({ city: 'Paris' });
    if (surface === 'models') {
      // the model was told about the tool in the documented format
      expect(lastChatRequest(suite.stack.simulator).messages[0]?.content).toContain('<tools>');
    } else {
      const sent = suite.stack.simulator.requests('responses').at(-1);
      expectAppHeaders(sent);
      const body = lastResponsesRequest(suite.stack.simulator);
      expect(body.tools).toEqual([
        expect.objectContaining({
          type: 'function',
          name: 'get_weather',
          parameters: weatherTool.function.parameters,
        }),
      ]);
      expect(JSON.stringify(body.input)).not.toContain('<tools>');
    }
  });

  it('returns parallel calls when the model calls several tools at once', async () => {
    const completion = await suite.stack.openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Use get_weather and get_time for city=Oslo' }],
      tools: [weatherTool, timeTool],
    });
    const calls = (completion.choices[0]?.message.tool_calls ??
      []) as OpenAI.ChatCompletionMessageFunctionToolCall[];
    expect(calls.map((call) => call.function.name).sort()).toEqual(['get_time', 'get_weather']);
    expect(new Set(calls.map((call) => call.id)).size).toBe(2);
    for (const call of calls) expect(JSON.parse(call.function.arguments)).toMatchObject({ city: 'Oslo' });
  });

  it('completes the loop: a tool result goes back and the final answer uses it', async () => {
    const messages: OpenAI.ChatCompletionMessageParam[] = [
      { role: 'user', content: 'Weather please, city=Rome' },
    ];
    const first = await suite.stack.openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages,
      tools: [weatherTool],
    });
    const assistant = first.choices[0]?.message as OpenAI.ChatCompletionMessage;
    const call = assistant.tool_calls?.[0] as OpenAI.ChatCompletionMessageFunctionToolCall;
    messages.push(assistant, { role: 'tool', tool_call_id: call.id, content: 'Sunny, 24 degrees' });
    const final = await suite.stack.openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages,
      tools: [weatherTool],
    });
    expect(final.choices[0]?.finish_reason).toBe('stop');
    expect(final.choices[0]?.message.tool_calls ?? []).toEqual([]);
    expect(final.choices[0]?.message.content).toContain('Sunny, 24 degrees');
    if (surface === 'models') {
      // the earlier call and its result were replayed in the envelope, under the same id
      const sent = lastChatRequest(suite.stack.simulator).messages;
      expect(
        sent.some((message) => message.role === 'assistant' && message.content.includes('<tool_calls>')),
      ).toBe(true);
      const results = sent.find(
        (message) => message.role === 'user' && message.content.includes('<tool_results>'),
      );
      expect(results?.content).toContain(call.id);
    } else {
      // the earlier call and its result were replayed as native items, under the same id
      const { input } = lastResponsesRequest(suite.stack.simulator);
      expect(input).toContainEqual(
        expect.objectContaining({ type: 'function_call', call_id: call.id, name: 'get_weather' }),
      );
      expect(input).toContainEqual(
        expect.objectContaining({
          type: 'function_call_output',
          call_id: call.id,
          output: 'Sunny, 24 degrees',
        }),
      );
    }
  });

  it('streams tool calls that the SDK stream helper reassembles', async () => {
    const runner = suite.stack.openai.chat.completions.stream({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Check get_weather and get_time, city=Lima' }],
      tools: [weatherTool, timeTool],
    });
    const final = await runner.finalChatCompletion();
    const calls = (final.choices[0]?.message.tool_calls ??
      []) as OpenAI.ChatCompletionMessageFunctionToolCall[];
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
    expect(calls.map((call) => call.function.name).sort()).toEqual(['get_time', 'get_weather']);
    for (const call of calls) expect(JSON.parse(call.function.arguments)).toMatchObject({ city: 'Lima' });
  });

  it('tool_choice none: no call, plain text', async () => {
    const completion = await suite.stack.openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Weather? city=Paris' }],
      tools: [weatherTool],
      tool_choice: 'none',
    });
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.choices[0]?.message.tool_calls ?? []).toEqual([]);
    expect(completion.choices[0]?.message.content).toBeTruthy();
    if (surface === 'models') {
      expect(lastChatRequest(suite.stack.simulator).messages[0]?.content).toContain('do not call any tool');
    } else {
      expect(lastResponsesRequest(suite.stack.simulator).tool_choice).toBe('none');
    }
  });

  it('tool_choice required: the call comes back (on the Models API after one reminder)', async () => {
    // A prompted model may answer without a call, so the gateway reminds it; a native upstream
    // is held to tool_choice by the API itself.
    if (surface === 'models') {
      suite.stack.simulator.enqueueReplies(
        'I think it is sunny.',
        '<tool_calls>\n[{"name": "get_weather", "arguments": {"city": "Paris"}}]\n</tool_calls>',
      );
    }
    const completion = await suite.stack.openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [weatherTool],
      tool_choice: 'required',
    });
    const call = completion.choices[0]?.message
      .tool_calls?.[0] as OpenAI.ChatCompletionMessageFunctionToolCall;
    expect(call.function.name).toBe('get_weather');
    if (surface === 'models') {
      expect(suite.stack.simulator.counters().chatGenerations).toBe(2);
      expect(lastChatRequest(suite.stack.simulator).messages.at(-1)?.content).toMatch(/did not call a tool/);
    } else {
      expect(upstreamChatCalls(suite.stack.simulator, surface)).toBe(1);
      expect(lastResponsesRequest(suite.stack.simulator).tool_choice).toBe('required');
    }
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
  });

  it('tool_choice naming a function: the model is told to call that one', async () => {
    const completion = await suite.stack.openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Tell me about get_weather, city=Kyiv' }],
      tools: [weatherTool, timeTool],
      tool_choice: { type: 'function', function: { name: 'get_time' } },
    });
    const calls = (completion.choices[0]?.message.tool_calls ??
      []) as OpenAI.ChatCompletionMessageFunctionToolCall[];
    expect(calls.map((call) => call.function.name)).toEqual(['get_time']);
    if (surface === 'models') {
      expect(lastChatRequest(suite.stack.simulator).messages[0]?.content).toContain(
        'you must call the tool "get_time"',
      );
    } else {
      expect(lastResponsesRequest(suite.stack.simulator).tool_choice).toEqual({
        type: 'function',
        name: 'get_time',
      });
    }
  });

  it('json_schema output is parsed by the SDK', async () => {
    const Order = z.object({ order_id: z.string(), quantity: z.number().int(), gift: z.boolean() });
    const completion = await suite.stack.openai.chat.completions.parse({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Make an order: order_id=A17 quantity=3' }],
      response_format: zodResponseFormat(Order, 'order'),
    });
    const parsed = completion.choices[0]?.message.parsed;
    expect(parsed).toMatchObject({ order_id: 'A17', quantity: 3 });
    expect(Order.safeParse(parsed).success).toBe(true);
  });

  it('a strict json_schema the model cannot meet fails clearly after one correction', async () => {
    suite.stack.simulator.enqueueReplies('{"id": "A17"}', 'Sorry, I cannot do JSON today.');
    const failure = await suite.stack.openai.chat.completions
      .create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'Make an order' }],
        response_format: {
          type: 'json_schema',
          json_schema: {
            name: 'order',
            strict: true,
            schema: { type: 'object', properties: { order_id: { type: 'string' } }, required: ['order_id'] },
          },
        },
      })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect((failure as InstanceType<typeof OpenAI.APIError>).status).toBe(502);
    expect(String((failure as Error).message)).toMatch(/schema "order"/);
    expect(upstreamChatCalls(suite.stack.simulator, surface)).toBe(2);
  });

  it('counts parse outcomes in /metrics (only prompted calls are parsed)', async () => {
    await suite.stack.openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Weather? city=Paris' }],
      tools: [weatherTool],
    });
    const metrics = await (await fetch(`${suite.stack.url}/metrics`)).text();
    const line = metrics
      .split('\n')
      .find((entry) => entry.startsWith('sfgw_tool_parse_outcomes_total{outcome="parsed"}'));
    if (surface === 'models') expect(Number(line?.split(' ').at(-1))).toBeGreaterThan(0);
    // Native tool calls arrive structured: nothing is parsed out of text.
    else expect(Number(line?.split(' ').at(-1) ?? 0)).toBe(0);
  });
});
