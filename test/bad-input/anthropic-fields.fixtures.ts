// Messages bodies with a wrong, missing or unknown value in the model, the messages or the system prompt.
import type { BadInputCase } from './describe-bad-input-table.ts';
import { badMessages } from './request-bodies.fixtures.ts';

const user = { role: 'user', content: 'What is the weather in Paris?' };
const toolUseTurn = {
  role: 'assistant',
  content: [{ type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } }],
};

function withMessages(...messages: unknown[]) {
  return { messages };
}

function toolResult(toolUseId: unknown) {
  return { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUseId, content: '18 C' }] };
}

/** Wrong types, missing fields and unknown values in `model`, `messages` and `system`. */
export const anthropicFieldCases: BadInputCase[] = [
  badMessages('model missing', { model: undefined }, 'model'),
  badMessages('model a number', { model: 3 }, 'model'),
  badMessages('model unknown', { model: 'claude-unknown-9' }, 'model', 404),
  badMessages('max_tokens missing', { max_tokens: undefined }, 'max_tokens'),
  badMessages('messages missing', { messages: undefined }, 'messages'),
  badMessages('messages a string', { messages: 'Hello' }, 'messages'),
  badMessages('messages empty', { messages: [] }, 'messages'),
  badMessages('a message without a role', withMessages({ content: 'Hello' }), 'messages[0].role'),
  badMessages('an unknown role', withMessages({ role: 'wizard', content: 'Hello' }), 'messages[0].role'),
  badMessages(
    "OpenAI's tool role",
    withMessages(user, { role: 'tool', content: '18 C' }),
    'messages[1].role',
  ),
  badMessages('a message without content', withMessages({ role: 'user' }), 'messages[0].content'),
  badMessages('content a number', withMessages({ role: 'user', content: 5 }), 'messages[0].content'),
  badMessages(
    'a content block that is a string',
    withMessages({ role: 'user', content: ['Hello'] }),
    'messages[0].content[0]',
  ),
  badMessages(
    'a content block of unknown type',
    withMessages({ role: 'user', content: [{ type: 'video', source: {} }] }),
    'messages[0].content[0]',
  ),
  badMessages(
    'a content block without a type',
    withMessages({ role: 'user', content: [{ text: 'Hello' }] }),
    'messages[0].content[0].type',
  ),
  badMessages(
    'a text block whose text is a number',
    withMessages({ role: 'user', content: [{ type: 'text', text: 1 }] }),
    'messages[0].content[0].text',
  ),
  badMessages(
    'an image block the upstream cannot take',
    withMessages({
      role: 'user',
      content: [{ type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } }],
    }),
    'messages[0].content[0]',
  ),
  badMessages(
    'a tool_result with no tool_use before it',
    withMessages(toolResult('toolu_1')),
    'messages[0].content[0].tool_use_id',
  ),
  badMessages(
    'a tool_result answering an id the assistant never used',
    withMessages(user, toolUseTurn, toolResult('toolu_9')),
    'messages[2].content[0].tool_use_id',
  ),
  badMessages(
    'a tool_result without tool_use_id',
    withMessages(user, toolUseTurn, toolResult(undefined)),
    'messages[2].content[0].tool_use_id',
  ),
  badMessages(
    'a tool_use without an id',
    withMessages(user, { role: 'assistant', content: [{ type: 'tool_use', name: 'weather', input: {} }] }),
    'messages[1].content[0].id',
  ),
  badMessages('system a number', { system: 5 }, 'system'),
  badMessages('system an object', { system: { text: 'Be brief.' } }, 'system'),
  badMessages(
    'a system block that is an image',
    { system: [{ type: 'image', source: {} }] },
    'system[0].type',
  ),
  badMessages('a system text block without text', { system: [{ type: 'text' }] }, 'system[0].text'),
  badMessages('stream a string', { stream: 'true' }, 'stream'),
];
