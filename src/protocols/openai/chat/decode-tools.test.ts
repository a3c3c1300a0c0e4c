import { describe, expect, it } from 'vitest';
import { decodeChatCompletionRequest, decodeChatRequest } from './decode.ts';

const base = { model: 'my-model', messages: [{ role: 'user', content: 'Hi' }] };

describe('decodeChatRequest: tools', () => {
  const lookup = {
    type: 'function',
    function: {
      name: 'lookup',
      description: 'Find an order',
      parameters: { type: 'object', properties: { id: { type: 'string' } } },
      strict: false,
    },
  };
  const ping = { type: 'function', function: { name: 'ping' } };

  it('decodes function tools, defaulting parameters to an empty object schema', () => {
    const { request, fieldNames } = decodeChatCompletionRequest({ ...base, tools: [lookup, ping] });
    expect(request.tools).toEqual([
      {
        name: 'lookup',
        description: 'Find an order',
        parameters: { type: 'object', properties: { id: { type: 'string' } } },
      },
      { name: 'ping', parameters: { type: 'object', properties: {} } },
    ]);
    expect(fieldNames.toolParameters).toEqual([
      'tools[0].function.parameters',
      'tools[1].function.parameters',
    ]);
  });

  it.each([
    ['auto', { type: 'auto' }],
    ['none', { type: 'none' }],
    ['required', { type: 'required' }],
    ['any', { type: 'required' }],
    ['ping', { type: 'tool', name: 'ping' }],
    [
      { type: 'function', function: { name: 'lookup' } },
      { type: 'tool', name: 'lookup' },
    ],
  ])('decodes tool_choice %j', (toolChoice, expected) => {
    expect(decodeChatRequest({ ...base, tools: [lookup, ping], tool_choice: toolChoice }).toolChoice).toEqual(
      expected,
    );
  });

  it('narrows the tools for an allowed_tools choice, each keeping the field its schema came from', () => {
    const { request, fieldNames } = decodeChatCompletionRequest({
      ...base,
      tools: [lookup, ping],
      tool_choice: {
        type: 'allowed_tools',
        allowed_tools: { mode: 'required', tools: [{ type: 'function', function: { name: 'ping' } }] },
      },
    });
    expect(request.tools.map((tool, index) => [tool.name, fieldNames.toolParameters[index]])).toEqual([
      ['ping', 'tools[1].function.parameters'],
    ]);
    expect(fieldNames.toolParameters).toHaveLength(request.tools.length);
    expect(request.toolChoice).toEqual({ type: 'required' });
  });

  it('maps legacy functions and function_call when tools are absent', () => {
    const { request, fieldNames } = decodeChatCompletionRequest({
      ...base,
      functions: [{ name: 'ping' }],
      function_call: { name: 'ping' },
    });
    expect(request.tools).toEqual([{ name: 'ping', parameters: { type: 'object', properties: {} } }]);
    expect(fieldNames.toolParameters).toEqual(['functions[0].parameters']);
    expect(request.toolChoice).toEqual({ type: 'tool', name: 'ping' });
  });
});
