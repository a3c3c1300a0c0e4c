import { describe, expect, it } from 'vitest';
import { decodeChatRequest } from './decode.ts';

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
    expect(decodeChatRequest({ ...base, tools: [lookup, ping] }).tools).toEqual([
      {
        name: 'lookup',
        description: 'Find an order',
        parameters: { type: 'object', properties: { id: { type: 'string' } } },
        schemaField: 'tools[0].function.parameters',
      },
      {
        name: 'ping',
        parameters: { type: 'object', properties: {} },
        schemaField: 'tools[1].function.parameters',
      },
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
    const request = decodeChatRequest({
      ...base,
      tools: [lookup, ping],
      tool_choice: {
        type: 'allowed_tools',
        allowed_tools: { mode: 'required', tools: [{ type: 'function', function: { name: 'ping' } }] },
      },
    });
    expect(request.tools.map((tool) => [tool.name, tool.schemaField])).toEqual([
      ['ping', 'tools[1].function.parameters'],
    ]);
    expect(request.toolChoice).toEqual({ type: 'required' });
  });

  it('maps legacy functions and function_call when tools are absent', () => {
    const request = decodeChatRequest({
      ...base,
      functions: [{ name: 'ping' }],
      function_call: { name: 'ping' },
    });
    expect(request.tools).toEqual([
      {
        name: 'ping',
        parameters: { type: 'object', properties: {} },
        schemaField: 'functions[0].parameters',
      },
    ]);
    expect(request.toolChoice).toEqual({ type: 'tool', name: 'ping' });
  });
});
