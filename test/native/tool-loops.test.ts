import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type GatewayStack, startGatewayStack } from '../support/gateway-stack.ts';
import { expectNoEmulationPrompt, lastUpstreamBody } from './upstream-bodies.ts';

// A whole tool loop on each native route, whole and streamed: the model calls the tool natively,
// the client sends the result back in its own protocol, and the model answers. Upstream, the tool
// definitions and results travel as the route's own fields, never as an emulation prompt.

let stack: GatewayStack;
let openai: OpenAI;
let anthropic: Anthropic;
beforeAll(async () => {
  stack = await startGatewayStack({ settings: { UPSTREAM_API: 'native' } });
  openai = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: 'test-key', maxRetries: 0, timeout: 5_000 });
  anthropic = new Anthropic({ baseURL: stack.url, apiKey: 'test-key', maxRetries: 0, timeout: 5_000 });
});
afterAll(async () => {
  await stack?.close();
});
beforeEach(() => {
  stack.simulator.reset();
  stack.simulator.enqueueReplies(
    { text: '', toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] },
    'It is sunny in Paris.',
  );
});

const description = 'The weather in a city';
const parameters = {
  type: 'object' as const,
  properties: { city: { type: 'string' } },
  required: ['city'],
};
const question = 'What is the weather in Paris?';

describe.each([false, true])('native tool loops (streamed: %s)', (stream) => {
  it('Claude on Bedrock: tool_use out, tool_result back, through Anthropic messages', async () => {
    const request = {
      model: 'claude-sonnet-4-6',
      max_tokens: 300,
      tools: [{ name: 'get_weather', description, input_schema: parameters }],
      messages: [{ role: 'user' as const, content: question }],
    };
    const first = stream
      ? await anthropic.messages.stream(request).finalMessage()
      : await anthropic.messages.create(request);
    expect(first.stop_reason).toBe('tool_use');
    const use = first.content.find((block) => block.type === 'tool_use');
    expect(use).toMatchObject({ type: 'tool_use', name: 'get_weather', input: { city: 'Paris' } });
    const useId = (use as { id: string }).id;
    expect(useId).toMatch(/^toolu_/);

    const route = stream ? 'invoke-with-response-stream' : 'invoke';
    const sentTools = lastUpstreamBody(stack.simulator, route);
    expect(sentTools.tools).toEqual([{ name: 'get_weather', description, input_schema: parameters }]);
    expectNoEmulationPrompt(sentTools);

    const messages = [
      ...request.messages,
      { role: 'assistant' as const, content: first.content },
      {
        role: 'user' as const,
        content: [{ type: 'tool_result' as const, tool_use_id: useId, content: 'sunny, 22 C' }],
      },
    ];
    const second = stream
      ? await anthropic.messages.stream({ ...request, messages }).finalMessage()
      : await anthropic.messages.create({ ...request, messages });
    expect(second.stop_reason).toBe('end_turn');
    expect(second.content).toEqual([
      expect.objectContaining({ type: 'text', text: 'It is sunny in Paris.' }),
    ]);

    const sentResult = lastUpstreamBody(stack.simulator, route);
    expectNoEmulationPrompt(sentResult);
    const history = sentResult.messages as Array<{ role: string; content: Array<Record<string, unknown>> }>;
    expect(history.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(history[1]?.content).toContainEqual(
      expect.objectContaining({ type: 'tool_use', id: useId, name: 'get_weather', input: { city: 'Paris' } }),
    );
    expect(history[2]?.content).toContainEqual(
      expect.objectContaining({ type: 'tool_result', tool_use_id: useId }),
    );
    expect(JSON.stringify(history[2]?.content)).toContain('sunny, 22 C');
  });

  it('GPT on /responses: function_call out, function_call_output back, through Responses', async () => {
    const request = {
      model: 'gpt-5.4',
      tools: [{ type: 'function' as const, name: 'get_weather', description, parameters, strict: false }],
      input: question,
    };
    const first = stream
      ? await openai.responses.stream(request).finalResponse()
      : await openai.responses.create(request);
    const call = first.output.find((item) => item.type === 'function_call');
    expect(call).toMatchObject({ type: 'function_call', name: 'get_weather' });
    const { call_id: callId, arguments: argumentText } = call as { call_id: string; arguments: string };
    expect(JSON.parse(argumentText)).toEqual({ city: 'Paris' });

    const sentTools = lastUpstreamBody(stack.simulator, 'responses');
    expect(sentTools.stream === true).toBe(stream);
    expect(sentTools.tools).toEqual([
      expect.objectContaining({ type: 'function', name: 'get_weather', description, parameters }),
    ]);
    expectNoEmulationPrompt(sentTools);

    const second = await (async () => {
      const input = [
        { role: 'user' as const, content: question },
        { type: 'function_call' as const, call_id: callId, name: 'get_weather', arguments: argumentText },
        { type: 'function_call_output' as const, call_id: callId, output: 'sunny, 22 C' },
      ];
      return stream
        ? openai.responses.stream({ ...request, input }).finalResponse()
        : openai.responses.create({ ...request, input });
    })();
    expect(second.status).toBe('completed');
    expect(second.output_text).toBe('It is sunny in Paris.');

    const sentResult = lastUpstreamBody(stack.simulator, 'responses');
    expectNoEmulationPrompt(sentResult);
    const items = sentResult.input as Array<Record<string, unknown>>;
    expect(items).toContainEqual(
      expect.objectContaining({ type: 'function_call', call_id: callId, name: 'get_weather' }),
    );
    expect(items).toContainEqual(
      expect.objectContaining({ type: 'function_call_output', call_id: callId, output: 'sunny, 22 C' }),
    );
  });

  it('Gemini on /chat/generations: tool_invocations out, a tool message back, through OpenAI chat', async () => {
    const request = {
      model: 'gemini-2.5-pro',
      tools: [{ type: 'function' as const, function: { name: 'get_weather', description, parameters } }],
      messages: [{ role: 'user' as const, content: question }],
    };
    const first = stream ? await collectChat({ ...request, stream: true }) : await wholeChat(request);
    expect(first.finishReason).toBe('tool_calls');
    expect(first.toolCalls).toHaveLength(1);
    const call = first.toolCalls[0] as { id: string; name: string; arguments: string };
    expect(call.name).toBe('get_weather');
    expect(JSON.parse(call.arguments)).toEqual({ city: 'Paris' });

    const route = stream ? 'chat/generations/stream' : 'chat/generations';
    const sentTools = lastUpstreamBody(stack.simulator, route);
    expect(sentTools.tools).toEqual([
      expect.objectContaining({
        type: 'function',
        function: expect.objectContaining({ name: 'get_weather', parameters }),
      }),
    ]);
    expectNoEmulationPrompt(sentTools);

    const messages = [
      ...request.messages,
      {
        role: 'assistant' as const,
        content: null,
        tool_calls: [
          {
            id: call.id,
            type: 'function' as const,
            function: { name: call.name, arguments: call.arguments },
          },
        ],
      },
      { role: 'tool' as const, tool_call_id: call.id, content: 'sunny, 22 C' },
    ];
    const second = stream
      ? await collectChat({ ...request, messages, stream: true })
      : await wholeChat({ ...request, messages });
    expect(second.finishReason).toBe('stop');
    expect(second.text).toBe('It is sunny in Paris.');

    const sentResult = lastUpstreamBody(stack.simulator, route);
    expectNoEmulationPrompt(sentResult);
    const history = sentResult.messages as Array<Record<string, unknown>>;
    expect(history.map((message) => message.role)).toEqual(['user', 'assistant', 'tool']);
    expect(history[1]?.tool_invocations).toEqual([
      { id: call.id, function: { name: 'get_weather', arguments: call.arguments } },
    ]);
    expect(history[1]).not.toHaveProperty('tool_calls');
    expect(history[2]).toMatchObject({ role: 'tool', tool_call_id: call.id, content: 'sunny, 22 C' });
  });
});

interface ChatOutcome {
  text: string;
  finishReason: string | null;
  toolCalls: Array<{ id: string; name: string; arguments: string }>;
}

async function wholeChat(request: OpenAI.ChatCompletionCreateParamsNonStreaming): Promise<ChatOutcome> {
  const completion = await openai.chat.completions.create(request);
  const choice = completion.choices[0];
  return {
    text: choice?.message.content ?? '',
    finishReason: choice?.finish_reason ?? null,
    toolCalls: (choice?.message.tool_calls ?? []).flatMap((call) =>
      call.type === 'function'
        ? [{ id: call.id, name: call.function.name, arguments: call.function.arguments }]
        : [],
    ),
  };
}

/** Assembles a streamed chat completion the way OpenAI clients do: tool calls keyed by index. */
async function collectChat(request: OpenAI.ChatCompletionCreateParamsStreaming): Promise<ChatOutcome> {
  const outcome: ChatOutcome = { text: '', finishReason: null, toolCalls: [] };
  for await (const chunk of await openai.chat.completions.create(request)) {
    const choice = chunk.choices[0];
    if (!choice) continue;
    outcome.text += choice.delta.content ?? '';
    for (const fragment of choice.delta.tool_calls ?? []) {
      const current = outcome.toolCalls[fragment.index] ?? { id: '', name: '', arguments: '' };
      outcome.toolCalls[fragment.index] = current;
      current.id ||= fragment.id ?? '';
      current.name ||= fragment.function?.name ?? '';
      current.arguments += fragment.function?.arguments ?? '';
    }
    if (choice.finish_reason) outcome.finishReason = choice.finish_reason;
  }
  return outcome;
}
