import { describe, expect, it } from 'vitest';
import type { Message } from '../../core/model.ts';
import { hasToolHistory, renderToolHistory } from './render-tool-history.ts';

const user = (text: string): Message => ({ role: 'user', content: [{ type: 'text', text }] });

describe('renderToolHistory', () => {
  it('writes calls and results back in the envelope, grouping one-per-result tool messages', () => {
    const rendered = renderToolHistory([
      user('Weather in Paris and Oslo?'),
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking both.' },
          { type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } },
          { type: 'tool-call', id: 'call_2', name: 'get_weather', arguments: { city: 'Oslo' } },
        ],
      },
      {
        role: 'tool',
        content: [{ type: 'tool-result', callId: 'call_1', content: 'Sunny', isError: false }],
      },
      {
        role: 'tool',
        content: [{ type: 'tool-result', callId: 'call_2', content: 'timeout', isError: true }],
      },
      user('Thanks'),
    ]);
    expect(rendered).toEqual([
      user('Weather in Paris and Oslo?'),
      {
        role: 'assistant',
        content: [
          {
            type: 'text',
            text:
              'Checking both.\n\n<tool_calls>\n' +
              '[{"id":"call_1","name":"get_weather","arguments":{"city":"Paris"}},{"id":"call_2","name":"get_weather","arguments":{"city":"Oslo"}}]' +
              '\n</tool_calls>',
          },
        ],
      },
      {
        role: 'user',
        content: [
          {
            type: 'text',
            text:
              '<tool_results>\n' +
              '[{"call_id":"call_1","name":"get_weather","content":"Sunny","is_error":false},{"call_id":"call_2","name":"get_weather","content":"timeout","is_error":true}]' +
              '\n</tool_results>',
          },
        ],
      },
      user('Thanks'),
    ]);
  });

  it('puts results first when a user message carries results and text (Anthropic style)', () => {
    const [message] = renderToolHistory([
      {
        role: 'user',
        content: [
          { type: 'tool-result', callId: 'toolu_1', content: '42', isError: false },
          { type: 'text', text: 'Now add one.' },
        ],
      },
    ]);
    expect(message).toEqual(
      user(
        '<tool_results>\n[{"call_id":"toolu_1","content":"42","is_error":false}]\n</tool_results>\n\nNow add one.',
      ),
    );
  });

  it('leaves a conversation without tools untouched', () => {
    const messages = [
      user('hi'),
      { role: 'assistant', content: [{ type: 'text', text: 'hello' }] } as Message,
    ];
    expect(renderToolHistory(messages)).toEqual(messages);
    expect(hasToolHistory(messages)).toBe(false);
  });
});

describe('renderToolHistory with freeform calls', () => {
  it('writes a freeform call in a <tool_input> block with its input verbatim, and its result as any other', () => {
    const input = '*** Begin Patch\n*** Add File: a.txt\n+say "hi" \\ {}\n*** End Patch';
    const [, assistant, tool] = renderToolHistory([
      user('Create a.txt'),
      {
        role: 'assistant',
        content: [{ type: 'tool-call', id: 'call_p', name: 'apply_patch', arguments: input, freeform: true }],
      },
      {
        role: 'tool',
        content: [{ type: 'tool-result', callId: 'call_p', content: 'Done!', isError: false }],
      },
    ]);
    expect(assistant).toEqual({
      role: 'assistant',
      content: [
        { type: 'text', text: `<tool_input name="apply_patch" id="call_p">\n${input}\n</tool_input>` },
      ],
    });
    expect(tool).toEqual(
      user(
        '<tool_results>\n[{"call_id":"call_p","name":"apply_patch","content":"Done!","is_error":false}]\n</tool_results>',
      ),
    );
  });
});
