import { describe, expect, it } from 'vitest';
import { buildPlaygroundRequest, type PlaygroundInput } from './playground-request.ts';
import { ToolsError } from './playground-tools.ts';

const input: PlaygroundInput = {
  protocol: 'openai',
  model: 'gpt-4o-mini',
  stream: true,
  systemPrompt: 'Be brief.',
  message: "It's me",
  tools: '',
};
const openAITool = {
  type: 'function',
  function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: {} } },
};
const anthropicTool = {
  name: 'get_weather',
  description: 'Weather',
  input_schema: { type: 'object', properties: {} },
};

describe('buildPlaygroundRequest', () => {
  it('writes an OpenAI chat request with the system prompt as the first message', () => {
    const request = buildPlaygroundRequest(input);
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.body).toEqual({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: "It's me" },
      ],
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('writes an Anthropic request with max_tokens, the version header and tools converted from OpenAI style', () => {
    const request = buildPlaygroundRequest({
      ...input,
      protocol: 'anthropic',
      stream: false,
      tools: JSON.stringify([openAITool]),
    });
    expect(request.path).toBe('/v1/messages');
    expect(request.headers['anthropic-version']).toBe('2023-06-01');
    expect(request.body).toMatchObject({
      system: 'Be brief.',
      max_tokens: 1024,
      stream: false,
      tools: [anthropicTool],
    });
  });

  it('converts Anthropic-style tools for OpenAI and keeps OpenAI-style ones as they are', () => {
    const request = buildPlaygroundRequest({ ...input, tools: JSON.stringify([anthropicTool, openAITool]) });
    expect(request.body.tools).toEqual([
      {
        type: 'function',
        function: { name: 'get_weather', description: 'Weather', parameters: anthropicTool.input_schema },
      },
      openAITool,
    ]);
  });

  it.each([
    ['[not json', /not valid JSON/],
    ['{"name": "x"}', /must be a JSON array/],
    ['[42]', /item 0 is not an object/],
    ['[{"description": "no name"}]', /item 0 is neither an OpenAI tool/],
  ])('refuses the tools %s with a clear error', (tools, message) => {
    expect(() => buildPlaygroundRequest({ ...input, tools })).toThrow(ToolsError);
    expect(() => buildPlaygroundRequest({ ...input, tools })).toThrow(message);
  });
});
