import { describe, expect, it } from 'vitest';
import type { Message } from '../../../core/model.ts';
import { decodeChatCompletionRequest, decodeChatRequest } from './decode.ts';

// Message shapes real clients send, decoded through the public entry point.

function decodeMessagesOf(...messages: unknown[]): Message[] {
  return decodeChatRequest({ model: 'my-model', messages }).messages;
}

describe('decodeChatRequest: messages', () => {
  it('maps developer to system and keeps multi-part text as separate parts', () => {
    expect(
      decodeMessagesOf(
        {
          role: 'developer',
          content: [
            { type: 'text', text: 'Be brief.' },
            { type: 'text', text: 'Be kind.' },
          ],
        },
        { role: 'system', content: 'Rules.' },
      ),
    ).toEqual([
      {
        role: 'system',
        content: [
          { type: 'text', text: 'Be brief.' },
          { type: 'text', text: 'Be kind.' },
        ],
      },
      { role: 'system', content: [{ type: 'text', text: 'Rules.' }] },
    ]);
  });

  it('decodes user text and image parts (object and bare-string image_url)', () => {
    expect(
      decodeMessagesOf({
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image_url', image_url: { url: 'https://example.com/a.png', detail: 'low' } },
          { type: 'image_url', image_url: 'data:image/png;base64,AAAA' },
        ],
      }),
    ).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image', url: 'https://example.com/a.png' },
          { type: 'image', url: 'data:image/png;base64,AAAA' },
        ],
      },
    ]);
  });

  it.each([
    ['""', ''],
    ['null', null],
    ['[]', []],
  ])('accepts assistant content %s alongside tool_calls as "no text"', (_label, content) => {
    const [message] = decodeMessagesOf({
      role: 'assistant',
      content,
      tool_calls: [
        { id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"id":"A17"}' } },
      ],
    });
    expect(message).toEqual({
      role: 'assistant',
      content: [{ type: 'tool-call', id: 'call_1', name: 'lookup', arguments: { id: 'A17' } }],
    });
  });

  it('keeps assistant text before its tool calls and reads refusal parts as text', () => {
    const [message] = decodeMessagesOf({
      role: 'assistant',
      content: [
        { type: 'text', text: 'Checking.' },
        { type: 'refusal', refusal: 'No.' },
      ],
      tool_calls: [
        { id: 'call_1', type: 'function', function: { name: 'a', arguments: '{}' } },
        { id: 'call_2', function: { name: 'b', arguments: { already: 'parsed' } } },
      ],
    });
    expect(message?.content).toEqual([
      { type: 'text', text: 'Checking.' },
      { type: 'text', text: 'No.' },
      { type: 'tool-call', id: 'call_1', name: 'a', arguments: {} },
      { type: 'tool-call', id: 'call_2', name: 'b', arguments: { already: 'parsed' } },
    ]);
  });

  it('keeps tool-call arguments that are not valid JSON as the raw string', () => {
    const [message] = decodeMessagesOf({
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'a', arguments: '{"city": Paris' } }],
    });
    expect(message?.content).toEqual([
      { type: 'tool-call', id: 'call_1', name: 'a', arguments: '{"city": Paris' },
    ]);
  });

  it('decodes tool messages into tool results with flattened text', () => {
    const calls = ['call_1', 'call_2'].map((id) => ({
      id,
      type: 'function',
      function: { name: 'track', arguments: '{}' },
    }));
    expect(
      decodeMessagesOf(
        { role: 'assistant', content: null, tool_calls: calls },
        { role: 'tool', tool_call_id: 'call_1', content: '{"status":"shipped"}' },
        {
          role: 'tool',
          tool_call_id: 'call_2',
          content: [
            { type: 'text', text: 'line 1' },
            { type: 'text', text: 'line 2' },
          ],
        },
      ).slice(1),
    ).toEqual([
      {
        role: 'tool',
        content: [{ type: 'tool-result', callId: 'call_1', content: '{"status":"shipped"}', isError: false }],
      },
      {
        role: 'tool',
        content: [{ type: 'tool-result', callId: 'call_2', content: 'line 1\nline 2', isError: false }],
      },
    ]);
  });

  it('tolerates the legacy function_call / function role, pairing them by function name', () => {
    expect(
      decodeMessagesOf(
        { role: 'assistant', content: null, function_call: { name: 'get_time', arguments: '{"tz":"UTC"}' } },
        { role: 'function', name: 'get_time', content: '12:00' },
      ),
    ).toEqual([
      {
        role: 'assistant',
        content: [{ type: 'tool-call', id: 'function-get_time', name: 'get_time', arguments: { tz: 'UTC' } }],
      },
      {
        role: 'tool',
        content: [{ type: 'tool-result', callId: 'function-get_time', content: '12:00', isError: false }],
      },
    ]);
  });

  it('reports message names, which have nowhere to go, as ignored', () => {
    const { fieldNames } = decodeChatCompletionRequest({
      model: 'm',
      messages: [{ role: 'user', name: 'alice', content: 'Hi' }],
    });
    expect(fieldNames.ignoredFields).toEqual(['messages[].name']);
  });
});

describe('decodeChatCompletionRequest: image part paths', () => {
  it('lists the wire path of each image part in order, for the pipeline to name a refusal', () => {
    const { fieldNames } = decodeChatCompletionRequest({
      model: 'my-model',
      messages: [
        { role: 'system', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Compare:' },
            { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
            { type: 'image_url', image_url: 'data:image/png;base64,AAAA' },
          ],
        },
        { role: 'assistant', content: 'The first is larger.' },
        { role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/b.png' } }] },
      ],
    });
    expect(fieldNames.imageParts).toEqual([
      'messages[1].content[1]',
      'messages[1].content[2]',
      'messages[3].content[0]',
    ]);
  });
});
