import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
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

const lastChatRequest = () =>
  stack.simulator.requests('chat-generations').at(-1)?.body as {
    messages: Array<{ role: string; content: string }>;
  };

describe('emulated tool calling with the official openai client', () => {
  it('returns one call with parsed arguments, a call_ id and finish_reason tool_calls', async () => {
    const completion = await stack.openai.chat.completions.create({
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
    // the model was told about the tool in the documented format
    expect(lastChatRequest().messages[0]?.content).toContain('<tools>');
  });

  it('returns parallel calls when the model calls several tools at once', async () => {
    const completion = await stack.openai.chat.completions.create({
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
    const first = await stack.openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages,
      tools: [weatherTool],
    });
    const assistant = first.choices[0]?.message as OpenAI.ChatCompletionMessage;
    const call = assistant.tool_calls?.[0] as OpenAI.ChatCompletionMessageFunctionToolCall;
    messages.push(assistant, { role: 'tool', tool_call_id: call.id, content: 'Sunny, 24 degrees' });
    const final = await stack.openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages,
      tools: [weatherTool],
    });
    expect(final.choices[0]?.finish_reason).toBe('stop');
    expect(final.choices[0]?.message.tool_calls ?? []).toEqual([]);
    expect(final.choices[0]?.message.content).toContain('Sunny, 24 degrees');
    // the earlier call and its result were replayed in the envelope, under the same id
    const sent = lastChatRequest().messages;
    expect(
      sent.some((message) => message.role === 'assistant' && message.content.includes('<tool_calls>')),
    ).toBe(true);
    const results = sent.find(
      (message) => message.role === 'user' && message.content.includes('<tool_results>'),
    );
    expect(results?.content).toContain(call.id);
  });

  it('streams tool calls that the SDK stream helper reassembles', async () => {
    const runner = stack.openai.chat.completions.stream({
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
    const completion = await stack.openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Weather? city=Paris' }],
      tools: [weatherTool],
      tool_choice: 'none',
    });
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.choices[0]?.message.tool_calls ?? []).toEqual([]);
    expect(completion.choices[0]?.message.content).toBeTruthy();
    expect(lastChatRequest().messages[0]?.content).toContain('do not call any tool');
  });

  it('tool_choice required: a reply without a call gets one reminder, and the call comes back', async () => {
    stack.simulator.enqueueReplies(
      'I think it is sunny.',
      '<tool_calls>\n[{"name": "get_weather", "arguments": {"city": "Paris"}}]\n</tool_calls>',
    );
    const completion = await stack.openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [weatherTool],
      tool_choice: 'required',
    });
    const call = completion.choices[0]?.message
      .tool_calls?.[0] as OpenAI.ChatCompletionMessageFunctionToolCall;
    expect(call.function.name).toBe('get_weather');
    expect(stack.simulator.counters().chatGenerations).toBe(2);
    expect(lastChatRequest().messages.at(-1)?.content).toMatch(/did not call a tool/);
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
  });

  it('tool_choice naming a function: the model is told to call that one', async () => {
    const completion = await stack.openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Tell me about get_weather, city=Kyiv' }],
      tools: [weatherTool, timeTool],
      tool_choice: { type: 'function', function: { name: 'get_time' } },
    });
    const calls = (completion.choices[0]?.message.tool_calls ??
      []) as OpenAI.ChatCompletionMessageFunctionToolCall[];
    expect(calls.map((call) => call.function.name)).toEqual(['get_time']);
    expect(lastChatRequest().messages[0]?.content).toContain('you must call the tool "get_time"');
  });

  it('json_schema output is parsed by the SDK', async () => {
    const Order = z.object({ order_id: z.string(), quantity: z.number().int(), gift: z.boolean() });
    const completion = await stack.openai.chat.completions.parse({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Make an order: order_id=A17 quantity=3' }],
      response_format: zodResponseFormat(Order, 'order'),
    });
    const parsed = completion.choices[0]?.message.parsed;
    expect(parsed).toMatchObject({ order_id: 'A17', quantity: 3 });
    expect(Order.safeParse(parsed).success).toBe(true);
  });

  it('a strict json_schema the model cannot meet fails clearly after one correction', async () => {
    stack.simulator.enqueueReplies('{"id": "A17"}', 'Sorry, I cannot do JSON today.');
    const failure = await stack.openai.chat.completions
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
    expect(stack.simulator.counters().chatGenerations).toBe(2);
  });

  it('counts parse outcomes in /metrics', async () => {
    await stack.openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Weather? city=Paris' }],
      tools: [weatherTool],
    });
    const metrics = await (await fetch(`${stack.url}/metrics`)).text();
    const line = metrics
      .split('\n')
      .find((entry) => entry.startsWith('sfgw_tool_parse_outcomes_total{outcome="parsed"}'));
    expect(Number(line?.split(' ').at(-1))).toBeGreaterThan(0);
  });
});
