import { describe, expect, it } from 'vitest';
import type { GatewayError } from '../../core/errors.ts';
import { thrownGatewayError } from '../shared/decode.fixtures.ts';
import { type DecodedMessages, decodeMessagesRequest } from './decode.ts';

const base = { model: 'claude-sonnet-5', max_tokens: 1024 };
const user = (content: unknown) => ({ messages: [{ role: 'user', content }] });

function decode(body: Record<string, unknown>): DecodedMessages {
  const { request, fieldNames } = decodeMessagesRequest({ ...base, ...body });
  return { request, fieldNames };
}

function decodeError(body: Record<string, unknown>): GatewayError {
  return thrownGatewayError(() => decodeMessagesRequest(body));
}

describe('decodeMessagesRequest: tools and tool_choice', () => {
  const weather = {
    name: 'get_weather',
    description: 'Weather for a city',
    input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    cache_control: { type: 'ephemeral' },
    strict: true,
    defer_loading: false,
    eager_input_streaming: true,
    input_examples: [{ city: 'Paris' }],
  };

  it('decodes custom tools, tolerating beta fields, and drops server tools into ignoredFields', () => {
    const { request, fieldNames } = decode({
      ...user('Hi'),
      tools: [
        weather,
        { type: 'custom', name: 'ping', input_schema: { type: 'object' } },
        { type: 'web_search_20250305', name: 'web_search', max_uses: 8 },
        { type: 'bash_20250124', name: 'bash' },
      ],
    });
    expect(request.tools).toEqual([
      {
        name: 'get_weather',
        description: 'Weather for a city',
        parameters: weather.input_schema,
      },
      { name: 'ping', parameters: { type: 'object' } },
    ]);
    expect(fieldNames.toolParameters).toEqual(['tools[0].input_schema', 'tools[1].input_schema']);
    expect(fieldNames.ignoredFields).toEqual(['tools.web_search', 'tools.bash']);
  });

  it('names each custom tool schema by its place in the body, counting the server tools dropped before it', () => {
    const { request, fieldNames } = decode({
      ...user('Hi'),
      tools: [{ type: 'web_search_20250305', name: 'web_search' }, weather],
    });
    expect(request.tools.map((tool) => tool.name)).toEqual(['get_weather']);
    expect(fieldNames.toolParameters).toEqual(['tools[1].input_schema']);
  });

  it.each([
    [{ type: 'auto' }, { type: 'auto' }, true],
    [{ type: 'any' }, { type: 'required' }, true],
    [{ type: 'tool', name: 'get_weather' }, { type: 'tool', name: 'get_weather' }, true],
    [{ type: 'none' }, { type: 'none' }, true],
    [{ type: 'auto', disable_parallel_tool_use: true }, { type: 'auto' }, false],
    [{ type: 'any', disable_parallel_tool_use: false }, { type: 'required' }, true],
  ])('maps tool_choice %j', (toolChoice, expected, parallel) => {
    const { request } = decode({ ...user('Hi'), tools: [weather], tool_choice: toolChoice });
    expect(request.toolChoice).toEqual(expected);
    expect(request.parallelToolCalls).toBe(parallel);
  });

  it.each([
    [{ tools: [{ name: 'x' }] }, 'tools[0].input_schema', /input_schema is required/],
    [{ tools: [weather, weather] }, 'tools[1].name', /repeats the tool name "get_weather"/],
    [{ tool_choice: { type: 'any' } }, 'tool_choice', /declares no tools/],
    [
      { tools: [weather], tool_choice: { type: 'tool', name: 'nope' } },
      'tool_choice.name',
      /declared: get_weather/,
    ],
    [
      {
        tools: [{ type: 'web_search_20250305', name: 'web_search' }],
        tool_choice: { type: 'tool', name: 'web_search' },
      },
      'tool_choice.name',
      /is a server tool/,
    ],
    [{ tool_choice: { type: 'sometimes' } }, 'tool_choice.type', /must be one of auto, any, tool, none/],
  ])('refuses inconsistent tools %#', (body, param, message) => {
    const error = decodeError({ ...base, ...user('Hi'), ...body });
    expect(error.param).toBe(param);
    expect(error.message).toMatch(message);
  });
});
