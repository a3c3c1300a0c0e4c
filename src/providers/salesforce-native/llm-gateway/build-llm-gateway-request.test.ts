import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../../core/model.ts';
import { catchError } from '../shared/catch-gateway-error.fixtures.ts';
import { chatRequest } from '../shared/chat-request.fixtures.ts';
import { buildLlmGatewayRequest } from './build-llm-gateway-request.ts';

const baseRequest: ChatRequest = chatRequest('sfdc_ai__DefaultGPT41Mini', 'Hello');

const weatherTool = {
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

describe('buildLlmGatewayRequest', () => {
  it('builds the minimal body: model, string messages, empty parameters, the system prompt strategy', () => {
    expect(buildLlmGatewayRequest(baseRequest)).toEqual({
      body: {
        model: 'sfdc_ai__DefaultGPT41Mini',
        messages: [{ role: 'user', content: 'Hello' }],
        generation_settings: { parameters: {} },
        system_prompt_strategy: 'use_model_parameter',
      },
      warnings: [],
    });
  });

  it('maps every generation setting to its snake_case name', () => {
    const { body } = buildLlmGatewayRequest({
      ...baseRequest,
      maxOutputTokens: 512,
      stopSequences: ['END', '###'],
      sampling: {
        temperature: 0.2,
        topP: 0.9,
        topK: 40,
        seed: 7,
        presencePenalty: 0.5,
        frequencyPenalty: 0.25,
      },
    });
    expect(body.generation_settings).toEqual({
      max_tokens: 512,
      temperature: 0.2,
      top_p: 0.9,
      top_k: 40,
      stop_sequences: ['END', '###'],
      frequency_penalty: 0.25,
      presence_penalty: 0.5,
      seed: 7,
      parameters: {},
    });
  });

  it('sends a tool round trip as tool_invocations and a tool message naming the call and the tool', () => {
    const { body } = buildLlmGatewayRequest({
      ...baseRequest,
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
        { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Let me check.' },
            { type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } },
          ],
        },
        {
          role: 'tool',
          content: [{ type: 'tool-result', callId: 'call_1', content: '18°C', isError: false }],
        },
      ],
    });
    expect(body.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: 'Let me check.',
        tool_invocations: [
          { id: 'call_1', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
        ],
      },
      { role: 'tool', content: '18°C', tool_call_id: 'call_1', tool_call_name: 'get_weather' },
    ]);
    // toEqual refuses extra keys: no OpenAI `tool_calls`, no `type`/`index` on the invocation, which
    // make the upstream reject the following tool message.
    expect(JSON.stringify(body.messages)).not.toMatch(/tool_calls|"type"|"index"/);
  });

  it('sends a call with no text as empty content and undefined arguments as {}', () => {
    const { body } = buildLlmGatewayRequest({
      ...baseRequest,
      messages: [
        { role: 'assistant', content: [{ type: 'tool-call', id: 'c', name: 'now', arguments: undefined }] },
      ],
    });
    expect(body.messages).toEqual([
      {
        role: 'assistant',
        content: '',
        tool_invocations: [{ id: 'c', function: { name: 'now', arguments: '{}' } }],
      },
    ]);
  });

  it('splits a user turn that carries tool results (Anthropic style) into tool messages, in order', () => {
    const { body } = buildLlmGatewayRequest({
      ...baseRequest,
      messages: [
        { role: 'assistant', content: [{ type: 'tool-call', id: 'a', name: 'lookup', arguments: { q: 1 } }] },
        {
          role: 'user',
          content: [
            { type: 'tool-result', callId: 'a', content: 'found', isError: false },
            { type: 'tool-result', callId: 'unknown', content: 'boom', isError: true },
            { type: 'text', text: 'Thanks, go on.' },
          ],
        },
      ],
    });
    expect((body.messages as unknown[]).slice(1)).toEqual([
      { role: 'tool', content: 'found', tool_call_id: 'a', tool_call_name: 'lookup' },
      { role: 'tool', content: 'boom', tool_call_id: 'unknown' },
      { role: 'user', content: 'Thanks, go on.' },
    ]);
  });

  it('drops reasoning from history and joins text parts', () => {
    const { body } = buildLlmGatewayRequest({
      ...baseRequest,
      messages: [
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'thinking…', signature: 'sig' },
            { type: 'text', text: 'One' },
            { type: 'text', text: 'Two' },
          ],
        },
        { role: 'assistant', content: [{ type: 'reasoning', text: 'only thoughts' }] },
      ],
    });
    expect(body.messages).toEqual([{ role: 'assistant', content: 'One\nTwo' }]);
  });

  it('maps tools and every tool choice to tool_config, with parallel_calls', () => {
    const cases: Array<[ChatRequest['toolChoice'], Record<string, unknown>]> = [
      [{ type: 'auto' }, { mode: 'auto', parallel_calls: false }],
      [{ type: 'none' }, { mode: 'none', parallel_calls: false }],
      [{ type: 'required' }, { mode: 'any', parallel_calls: false }],
      [
        { type: 'tool', name: 'get_weather' },
        { mode: 'tool', allowed_tools: [{ type: 'function', name: 'get_weather' }], parallel_calls: false },
      ],
    ];
    for (const [toolChoice, expected] of cases) {
      const { body } = buildLlmGatewayRequest({
        ...baseRequest,
        tools: [weatherTool, { name: 'ping', parameters: { type: 'object' } }],
        toolChoice,
        parallelToolCalls: false,
      });
      expect(body.tools).toEqual([
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: weatherTool.description,
            parameters: weatherTool.parameters,
          },
        },
        { type: 'function', function: { name: 'ping', parameters: { type: 'object' } } },
      ]);
      expect(body.tool_config).toEqual(expected);
    }
  });

  it('reports reasoning as ignored unless it is disabled', () => {
    const reasoning = { mode: 'adaptive', effort: 'high', returnText: true } as const;
    expect(buildLlmGatewayRequest({ ...baseRequest, reasoning }).warnings).toEqual([
      { type: 'ignored-setting', setting: 'reasoning' },
    ]);
    const disabled = { mode: 'disabled', returnText: false } as const;
    expect(buildLlmGatewayRequest({ ...baseRequest, reasoning: disabled }).warnings).toEqual([]);
  });

  it('refuses an image as an invalid request naming the message', () => {
    const request: ChatRequest = {
      ...baseRequest,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'hi' }] },
        { role: 'user', content: [{ type: 'image', url: 'https://example.com/cat.png' }] },
      ],
    };
    const error = catchError(() => buildLlmGatewayRequest(request));
    expect(error).toMatchObject({ kind: 'invalid_request', target: { type: 'message-content', index: 1 } });
    expect(error.message).toContain('images are not supported on the LLM-gateway route');
    expect(error.message).toContain('message 1');
  });

  it('refuses freeform tools and freeform calls as an internal error: the provider routes them elsewhere', () => {
    const freeformTool = { name: 'patch', parameters: {}, freeform: { type: 'text' } } as const;
    expect(catchError(() => buildLlmGatewayRequest({ ...baseRequest, tools: [freeformTool] })).kind).toBe(
      'internal',
    );
    const freeformCall: ChatRequest = {
      ...baseRequest,
      messages: [
        {
          role: 'assistant',
          content: [{ type: 'tool-call', id: 'f', name: 'patch', arguments: '*** diff', freeform: true }],
        },
      ],
    };
    expect(catchError(() => buildLlmGatewayRequest(freeformCall)).kind).toBe('internal');
  });
});
