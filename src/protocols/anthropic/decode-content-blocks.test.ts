import { describe, expect, it } from 'vitest';
import type { GatewayError } from '../../core/errors.ts';
import type { ChatRequest } from '../../core/model.ts';
import { thrownGatewayError } from '../shared/decode.fixtures.ts';
import { decodeMessagesRequest } from './decode.ts';

const base = { model: 'claude-sonnet-5', max_tokens: 1024 };

function decode(body: Record<string, unknown>): ChatRequest {
  return decodeMessagesRequest({ ...base, ...body }).request;
}

function decodeError(body: unknown): GatewayError {
  return thrownGatewayError(() => decodeMessagesRequest(body));
}

function user(content: unknown) {
  return { messages: [{ role: 'user', content }] };
}

/** A user turn answering the tool_use ids of the assistant turn before it. */
function answering(toolUseIds: string[], content: unknown) {
  const calls = toolUseIds.map((id) => ({ type: 'tool_use', id, name: 'lookup', input: {} }));
  return {
    messages: [
      { role: 'assistant', content: calls },
      { role: 'user', content },
    ],
  };
}

describe('decodeMessagesRequest', () => {
  describe('system prompts', () => {
    it('puts a string system prompt first', () => {
      expect(decode({ system: 'Be brief.', ...user('Hi') }).messages).toEqual([
        { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      ]);
    });

    it('keeps system blocks in order as separate parts, ignoring cache_control', () => {
      const system = [
        { type: 'text', text: 'x-anthropic-billing-header: cc_version=2.1' },
        { type: 'text', text: 'You are Claude Code.', cache_control: { type: 'ephemeral' } },
      ];
      expect(decode({ system, ...user('Hi') }).messages[0]).toEqual({
        role: 'system',
        content: [
          { type: 'text', text: 'x-anthropic-billing-header: cc_version=2.1' },
          { type: 'text', text: 'You are Claude Code.' },
        ],
      });
    });

    it('keeps a system entry inside messages in place', () => {
      const messages = [
        { role: 'user', content: 'First' },
        { role: 'assistant', content: 'Answer' },
        { role: 'system', content: [{ type: 'text', text: 'The date changed.' }] },
        { role: 'user', content: 'Second' },
      ];
      expect(decode({ system: 'Top', messages }).messages.map((message) => message.role)).toEqual([
        'system',
        'user',
        'assistant',
        'system',
        'user',
      ]);
      expect(decode({ messages }).messages[2]).toEqual({
        role: 'system',
        content: [{ type: 'text', text: 'The date changed.' }],
      });
    });

    it('refuses a non-text block in the system prompt, naming it', () => {
      const error = decodeError({ ...base, system: [{ type: 'image', source: {} }], ...user('Hi') });
      expect(error.param).toBe('system[0].type');
      expect(error.status).toBe(400);
    });
  });

  describe('content blocks', () => {
    it('decodes text blocks and drops empty ones', () => {
      expect(
        decode(
          user([
            { type: 'text', text: 'One', citations: null },
            { type: 'text', text: '' },
            { type: 'text', text: 'Two' },
          ]),
        ).messages,
      ).toEqual([
        {
          role: 'user',
          content: [
            { type: 'text', text: 'One' },
            { type: 'text', text: 'Two' },
          ],
        },
      ]);
    });

    it('turns tool_use into a tool call with its input object, and drops thinking blocks', () => {
      const messages = [
        { role: 'user', content: 'Where is order A17?' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'I should look it up.', signature: 'c2ln' },
            { type: 'redacted_thinking', data: 'ZW5jcnlwdGVk' },
            { type: 'text', text: 'Checking.' },
            { type: 'tool_use', id: 'toolu_01', name: 'lookup_order', input: { order_id: 'A17' } },
            { type: 'tool_use', id: 'toolu_02', name: 'ping', input: {} },
          ],
        },
      ];
      expect(decode({ messages }).messages[1]).toEqual({
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking.' },
          { type: 'tool-call', id: 'toolu_01', name: 'lookup_order', arguments: { order_id: 'A17' } },
          { type: 'tool-call', id: 'toolu_02', name: 'ping', arguments: {} },
        ],
      });
    });

    it('drops an assistant turn that held only thinking', () => {
      const messages = [
        { role: 'user', content: 'A' },
        { role: 'assistant', content: [{ type: 'thinking', thinking: 'hm', signature: 's' }] },
        { role: 'user', content: 'B' },
      ];
      expect(decode({ messages }).messages).toEqual([
        { role: 'user', content: [{ type: 'text', text: 'A' }] },
        { role: 'user', content: [{ type: 'text', text: 'B' }] },
      ]);
    });

    it('moves tool_result blocks into a tool message ahead of the rest of the user turn', () => {
      const content = [
        { type: 'tool_result', tool_use_id: 'toolu_01', content: 'Shipped.' },
        {
          type: 'tool_result',
          tool_use_id: 'toolu_02',
          content: [
            { type: 'text', text: 'line 1' },
            { type: 'text', text: 'line 2' },
          ],
          is_error: true,
        },
        { type: 'tool_result', tool_use_id: 'toolu_03' },
        { type: 'text', text: 'Thanks, and now?' },
      ];
      expect(decode(answering(['toolu_01', 'toolu_02', 'toolu_03'], content)).messages.slice(1)).toEqual([
        {
          role: 'tool',
          content: [
            { type: 'tool-result', callId: 'toolu_01', content: 'Shipped.', isError: false },
            { type: 'tool-result', callId: 'toolu_02', content: 'line 1\nline 2', isError: true },
            { type: 'tool-result', callId: 'toolu_03', content: '', isError: false },
          ],
        },
        { role: 'user', content: [{ type: 'text', text: 'Thanks, and now?' }] },
      ]);
    });

    it('replaces an image inside a tool_result with a placeholder instead of failing the turn', () => {
      const content = [
        {
          type: 'tool_result',
          tool_use_id: 'toolu_09',
          content: [
            { type: 'text', text: 'Screenshot taken:' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBOR' } },
            { type: 'tool_reference', tool_name: 'Read' },
          ],
        },
      ];
      expect(decode(answering(['toolu_09'], content)).messages[1]?.content).toEqual([
        {
          type: 'tool-result',
          callId: 'toolu_09',
          content:
            'Screenshot taken:\n[image omitted: the model accepts text only]\n[tool_reference block omitted: the model accepts text only]',
          isError: false,
        },
      ]);
    });

    it('reads plain-text documents and search results as text', () => {
      const content = [
        {
          type: 'document',
          title: 'Policy',
          source: { type: 'text', media_type: 'text/plain', data: 'Refunds within 30 days.' },
        },
        { type: 'document', source: { type: 'content', content: [{ type: 'text', text: 'Inline doc.' }] } },
        {
          type: 'search_result',
          source: 'https://example.com/a',
          title: 'Result A',
          content: [{ type: 'text', text: 'Snippet.' }],
        },
      ];
      expect(decode(user(content)).messages[0]?.content).toEqual([
        { type: 'text', text: 'Policy\n\nRefunds within 30 days.' },
        { type: 'text', text: 'Inline doc.' },
        { type: 'text', text: 'Result A (https://example.com/a)\nSnippet.' },
      ]);
    });

    it('drops server-tool blocks from a conversation begun against Anthropic', () => {
      const messages = [
        { role: 'user', content: 'Search the news' },
        {
          role: 'assistant',
          content: [
            { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'news' } },
            { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [] },
            { type: 'text', text: 'Here is the news.' },
          ],
        },
      ];
      expect(decode({ messages }).messages[1]).toEqual({
        role: 'assistant',
        content: [{ type: 'text', text: 'Here is the news.' }],
      });
    });

    it.each([
      [
        'an image from an uploaded file',
        { type: 'image', source: { type: 'file', file_id: 'file_01' } },
        /^messages\[0\]\.content\[1\] is an image with a "file" source, which this gateway cannot read/,
      ],
      [
        'a PDF document',
        { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBE' } },
        /^messages\[0\]\.content\[1\] is a document whose content is not text \(source: application\/pdf\)/,
      ],
      [
        'a document with an image in its content',
        { type: 'document', source: { type: 'content', content: [{ type: 'image', source: {} }] } },
        /^messages\[0\]\.content\[1\] is a document whose content is not text \(source: content\)/,
      ],
      [
        'an unknown block type',
        { type: 'hologram', data: 'x' },
        /^messages\[0\]\.content\[1\] is a "hologram" block, which this gateway does not support/,
      ],
    ])('refuses %s with a 400 naming the block', (_name, block, message) => {
      const error = decodeError({ ...base, ...user([{ type: 'text', text: 'Look:' }, block]) });
      expect(error).toMatchObject({ status: 400, kind: 'invalid_request', param: 'messages[0].content[1]' });
      expect(error.message).toMatch(message);
    });

    it('names the missing field of a malformed block', () => {
      const error = decodeError({ ...base, ...user([{ type: 'tool_result', content: 'x' }]) });
      expect(error.param).toBe('messages[0].content[0].tool_use_id');
      expect(error.message).toBe('messages[0].content[0].tool_use_id is required.');
    });
  });
});
