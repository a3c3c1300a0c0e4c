import { describe, expect, it } from 'vitest';
import type { GatewayError } from '../../../core/errors.ts';
import { thrownGatewayError } from '../../shared/decode.fixtures.ts';
import { decodeChatRequest } from './decode.ts';

const base = { model: 'my-model', messages: [{ role: 'user', content: 'Hi' }] };

function decodeFailure(body: unknown): GatewayError {
  return thrownGatewayError(() => decodeChatRequest(body));
}

describe('decodeChatRequest: errors name the field and the fix', () => {
  it.each<[string, unknown, string, string]>([
    [
      'a non-object body',
      ['not', 'an', 'object'],
      '',
      'The request body must be a JSON object with "model" and "messages".',
    ],
    ['missing model', { messages: base.messages }, 'model', 'model is required.'],
    ['empty model', { ...base, model: '' }, 'model', 'model must not be empty.'],
    ['missing messages', { model: 'm' }, 'messages', 'messages is required.'],
    ['empty messages', { model: 'm', messages: [] }, 'messages', 'messages must have at least 1 item.'],
    [
      'messages not an array',
      { model: 'm', messages: 'Hi' },
      'messages',
      'messages must be an array; got "Hi".',
    ],
    [
      'an unknown role',
      { model: 'm', messages: [{ role: 'robot', content: 'x' }] },
      'messages[0].role',
      'messages[0].role must be one of system, developer, user, assistant, tool, function; got "robot".',
    ],
    [
      'a missing role',
      { model: 'm', messages: [{ content: 'x' }] },
      'messages[0].role',
      'messages[0].role is required.',
    ],
    [
      'user content of the wrong type',
      { model: 'm', messages: [base.messages[0], { role: 'user', content: 5 }] },
      'messages[1].content',
      'messages[1].content must be a string or an array; got 5.',
    ],
    [
      'missing user content',
      { model: 'm', messages: [{ role: 'user' }] },
      'messages[0].content',
      'messages[0].content is required.',
    ],
    [
      'a text part without text',
      { model: 'm', messages: [{ role: 'user', content: [{ type: 'text' }] }] },
      'messages[0].content[0].text',
      'messages[0].content[0].text is required.',
    ],
    [
      'an unknown part type',
      { model: 'm', messages: [{ role: 'user', content: [{ type: 'video', video: {} }] }] },
      'messages[0].content[0].type',
      'messages[0].content[0].type must be one of text, image_url, input_audio, file; got "video".',
    ],
    [
      'an audio part',
      {
        model: 'm',
        messages: [
          { role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } }] },
        ],
      },
      'messages[0].content[0]',
      'messages[0].content[0] is a "input_audio" part, which is not supported by this gateway; send the content as text.',
    ],
    [
      'a file part',
      { model: 'm', messages: [{ role: 'user', content: [{ type: 'file', file: { file_id: 'f1' } }] }] },
      'messages[0].content[0]',
      'messages[0].content[0] is a "file" part, which is not supported by this gateway; send the content as text.',
    ],
    [
      'a tool message without tool_call_id',
      { model: 'm', messages: [{ role: 'tool', content: 'x' }] },
      'messages[0].tool_call_id',
      'messages[0].tool_call_id is required.',
    ],
    [
      'a tool call without id',
      {
        model: 'm',
        messages: [
          { role: 'assistant', tool_calls: [{ type: 'function', function: { name: 'a', arguments: '{}' } }] },
        ],
      },
      'messages[0].tool_calls[0].id',
      'messages[0].tool_calls[0].id is required.',
    ],
    [
      'temperature above 2',
      { ...base, temperature: 2.5 },
      'temperature',
      'temperature must be at most 2; got 2.5.',
    ],
    [
      'temperature as a string',
      { ...base, temperature: '0.7' },
      'temperature',
      'temperature must be a number; got "0.7".',
    ],
    ['top_p below 0', { ...base, top_p: -0.1 }, 'top_p', 'top_p must be at least 0; got -0.1.'],
    [
      'presence_penalty below -2',
      { ...base, presence_penalty: -3 },
      'presence_penalty',
      'presence_penalty must be at least -2; got -3.',
    ],
    [
      'frequency_penalty above 2',
      { ...base, frequency_penalty: 2.1 },
      'frequency_penalty',
      'frequency_penalty must be at most 2; got 2.1.',
    ],
    [
      'max_tokens of 0',
      { ...base, max_tokens: 0 },
      'max_tokens',
      'max_tokens must be greater than 0; got 0.',
    ],
    [
      'fractional max_completion_tokens',
      { ...base, max_completion_tokens: 1.5 },
      'max_completion_tokens',
      'max_completion_tokens must be an integer; got 1.5.',
    ],
    [
      'n other than 1',
      { ...base, n: 2 },
      'n',
      'n must be 1; got 2. The upstream produces one generation per call, so send separate requests instead.',
    ],
    [
      'five stop sequences',
      { ...base, stop: ['a', 'b', 'c', 'd', 'e'] },
      'stop',
      'stop must have at most 4 items.',
    ],
    ['stop as a number', { ...base, stop: 5 }, 'stop', 'stop must be a string or an array; got 5.'],
    [
      'a tool of a type chat completions does not have',
      { ...base, tools: [{ type: 'web_search', web_search: {} }] },
      'tools[0].type',
      'tools[0].type must be one of function, custom; got "web_search".',
    ],
    [
      'a tool without a name',
      { ...base, tools: [{ type: 'function', function: {} }] },
      'tools[0].function.name',
      'tools[0].function.name is required.',
    ],
    [
      'a repeated tool name',
      {
        ...base,
        tools: [
          { type: 'function', function: { name: 'a' } },
          { type: 'function', function: { name: 'a' } },
        ],
      },
      'tools[1].function.name',
      'tools[1].function.name repeats the tool name "a"; tool names must be unique.',
    ],
    [
      'an unknown tool_choice keyword',
      { ...base, tool_choice: 'always' },
      'tool_choice',
      'tool_choice must be one of none, auto, required, or {"type":"function","function":{"name":...}}; got "always".',
    ],
    [
      'a named tool_choice for an undeclared tool',
      {
        ...base,
        tools: [{ type: 'function', function: { name: 'a' } }],
        tool_choice: { type: 'function', function: { name: 'b' } },
      },
      'tool_choice.function.name',
      'tool_choice.function.name names the tool "b", which is not in the request\'s tools (declared: a).',
    ],
    [
      'a required tool_choice without tools',
      { ...base, tool_choice: 'required' },
      'tool_choice',
      'tool_choice requires a tool call, but the request declares no tools; send tools or use "auto".',
    ],
    [
      'an unknown response_format type',
      { ...base, response_format: { type: 'xml' } },
      'response_format.type',
      'response_format.type must be one of text, json_object, json_schema; got "xml".',
    ],
    [
      'json_schema without a name',
      { ...base, response_format: { type: 'json_schema', json_schema: { schema: {} } } },
      'response_format.json_schema.name',
      'response_format.json_schema.name is required.',
    ],
    [
      'json_schema without a schema object',
      { ...base, response_format: { type: 'json_schema', json_schema: { name: 'x', schema: 'string' } } },
      'response_format.json_schema.schema',
      'response_format.json_schema.schema must be an object; got "string".',
    ],
  ])('rejects %s', (_label, body, param, message) => {
    const error = decodeFailure(body);
    expect(error.kind).toBe('invalid_request');
    expect(error.status).toBe(400);
    expect(error.param ?? '').toBe(param);
    expect(error.message).toBe(message);
  });
});
