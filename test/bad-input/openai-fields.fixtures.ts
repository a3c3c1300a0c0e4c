// Chat completions bodies with a wrong, missing or unknown value in the model or the messages.
import type { BadInputCase } from './describe-bad-input-table.ts';
import { badChat } from './request-bodies.fixtures.ts';

const user = { role: 'user', content: 'What is the weather in Paris?' };
const toolCallTurn = {
  role: 'assistant',
  content: null,
  tool_calls: [
    { id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
  ],
};

function withMessages(...messages: unknown[]) {
  return { messages };
}

/** Wrong types, missing fields and unknown values in `model` and `messages`. */
export const openAIFieldCases: BadInputCase[] = [
  badChat('model missing', { model: undefined }, 'model'),
  badChat('model a number', { model: 4 }, 'model'),
  badChat('model null', { model: null }, 'model'),
  badChat('model an empty string', { model: '' }, 'model'),
  badChat('model unknown', { model: 'gpt-unknown-9' }, 'model', 404),
  badChat('messages missing', { messages: undefined }, 'messages'),
  badChat('messages a string', { messages: 'Hello' }, 'messages'),
  badChat('messages an object', { messages: user }, 'messages'),
  badChat('messages empty', { messages: [] }, 'messages'),
  badChat('a message that is a string', withMessages('Hello'), 'messages[0]'),
  badChat('a message that is null', withMessages(null), 'messages[0]'),
  badChat('a message without a role', withMessages({ content: 'Hello' }), 'messages[0].role'),
  badChat('an unknown role', withMessages({ role: 'wizard', content: 'Hello' }), 'messages[0].role'),
  badChat('a role that is a number', withMessages({ role: 1, content: 'Hello' }), 'messages[0].role'),
  badChat('a user message without content', withMessages({ role: 'user' }), 'messages[0].content'),
  badChat('user content a number', withMessages({ role: 'user', content: 42 }), 'messages[0].content'),
  badChat(
    'user content an object',
    withMessages({ role: 'user', content: { text: 'Hello' } }),
    'messages[0].content',
  ),
  badChat(
    'a content part of unknown type',
    withMessages({ role: 'user', content: [{ type: 'video', url: 'https://example.com/v.mp4' }] }),
    'messages[0].content[0].type',
  ),
  badChat(
    'a content part without a type',
    withMessages({ role: 'user', content: [{ text: 'Hello' }] }),
    'messages[0].content[0].type',
  ),
  badChat(
    'a text part whose text is a number',
    withMessages({ role: 'user', content: [{ type: 'text', text: 7 }] }),
    'messages[0].content[0].text',
  ),
  badChat(
    'an audio part the upstream cannot take',
    withMessages({
      role: 'user',
      content: [{ type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } }],
    }),
    'messages[0].content[0]',
  ),
  badChat(
    'an image part in a system message',
    withMessages(
      { role: 'system', content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }] },
      user,
    ),
    'messages[0].content[0].type',
  ),
  badChat(
    'a system message whose content is a number',
    withMessages({ role: 'system', content: 3 }, user),
    'messages[0].content',
  ),
  badChat('a name that is a number', withMessages({ ...user, name: 12 }), 'messages[0].name'),
  badChat(
    'a tool message without tool_call_id',
    withMessages(user, toolCallTurn, { role: 'tool', content: '18 C' }),
    'messages[2].tool_call_id',
  ),
  badChat(
    'a tool message answering no tool call',
    withMessages(user, { role: 'tool', tool_call_id: 'call_1', content: '18 C' }),
    'messages[1].tool_call_id',
  ),
  badChat(
    'a tool message answering a call id the assistant never made',
    withMessages(user, toolCallTurn, { role: 'tool', tool_call_id: 'call_9', content: '18 C' }),
    'messages[2].tool_call_id',
  ),
  badChat(
    'tool_calls that is not an array',
    withMessages(user, { ...toolCallTurn, tool_calls: 'weather' }),
    'messages[1].tool_calls',
  ),
  badChat(
    'a tool call without an id',
    withMessages(user, {
      role: 'assistant',
      tool_calls: [{ type: 'function', function: { name: 'weather', arguments: '{}' } }],
    }),
    'messages[1].tool_calls[0].id',
  ),
  badChat(
    'a tool call without a function name',
    withMessages(user, {
      role: 'assistant',
      tool_calls: [{ id: 'call_1', type: 'function', function: { arguments: '{}' } }],
    }),
    'messages[1].tool_calls[0].function.name',
  ),
  badChat('stream a string', { stream: 'yes' }, 'stream'),
  badChat(
    'stream_options.include_usage a string',
    { stream: true, stream_options: { include_usage: 'yes' } },
    'stream_options.include_usage',
  ),
];
