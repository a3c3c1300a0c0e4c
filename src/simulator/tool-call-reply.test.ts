import { describe, expect, it } from 'vitest';
import type { ToolChoice, ToolDefinition } from '../core/model.ts';
import { renderToolResults } from '../emulation/tools/envelope.ts';
import { buildToolInstructions } from '../emulation/tools/tool-prompt.ts';
import { readConversation } from './read-conversation.ts';
import type { ChatMessage } from './reply-request.ts';
import { type ToolCallShape, toolCallShapes } from './scenario-markers.ts';
import { buildToolCallReply } from './tool-call-reply.ts';

const weather: ToolDefinition = {
  name: 'get_weather',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
    required: ['city'],
  },
};
const order: ToolDefinition = {
  name: 'lookup_order',
  parameters: { type: 'object', properties: { order_id: { type: 'string' } }, required: ['order_id'] },
};

function replyTo(
  userText: string,
  options: { choice?: ToolChoice; parallel?: boolean; tools?: ToolDefinition[] } = {},
) {
  const instructions = buildToolInstructions(
    options.tools ?? [weather, order],
    options.choice ?? { type: 'auto' },
    options.parallel ?? true,
  );
  const messages: ChatMessage[] = [
    { role: 'system', content: instructions },
    { role: 'user', content: userText },
  ];
  return buildToolCallReply(readConversation('chat-generations', messages));
}

const expectedByShape: Record<ToolCallShape, string | undefined> = {
  envelope:
    '<tool_calls>\n[{"name":"get_weather","arguments":{"city":"Paris","unit":"celsius"}}]\n</tool_calls>',
  fenced:
    '```json\n{\n  "name": "get_weather",\n  "arguments": {\n    "city": "Paris",\n    "unit": "celsius"\n  }\n}\n```',
  bare: '{"name":"get_weather","arguments":{"city":"Paris","unit":"celsius"}}',
  'tool-calls-object':
    '{"tool_calls":[{"name":"get_weather","arguments":{"city":"Paris","unit":"celsius"}}]}',
  'function-wrapper':
    '{"tool_calls":[{"function":{"name":"get_weather","arguments":{"city":"Paris","unit":"celsius"}}}]}',
  'arguments-string':
    '<tool_calls>\n[{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\",\\"unit\\":\\"celsius\\"}"}]\n</tool_calls>',
  'tool-input': '{"tool":"get_weather","input":{"city":"Paris","unit":"celsius"}}',
  'tool-name-args': '{"tool_name":"get_weather","args":{"city":"Paris","unit":"celsius"}}',
  'prose-around':
    'Let me check that for you.\n<tool_calls>\n[{"name":"get_weather","arguments":{"city":"Paris","unit":"celsius"}}]\n</tool_calls>\nI will continue once the results are in.',
  'trailing-comma':
    '<tool_calls>\n[{"name":"get_weather","arguments":{"city":"Paris","unit":"celsius",},},]\n</tool_calls>',
  'single-quotes':
    "<tool_calls>\n[{'name':'get_weather','arguments':{'city':'Paris','unit':'celsius'}}]\n</tool_calls>",
  unclosed: '<tool_calls>\n[{"name":"get_weather","arguments":{"city":"Paris","unit":"celsius"}',
  'unknown-tool':
    '<tool_calls>\n[{"name":"unknown_tool","arguments":{"city":"Paris","unit":"celsius"}}]\n</tool_calls>',
  'invalid-arguments': '<tool_calls>\n[{"name":"get_weather","arguments":{"unit":"celsius"}}]\n</tool_calls>',
  broken: '<tool_calls>\n[{"name"="get_weather"; "arguments"=(city="Paris", unit="celsius")}]\n</tool_calls>',
  'no-call': undefined,
};

describe('buildToolCallReply shapes', () => {
  it.each(toolCallShapes)('writes the %s shape', (shape) => {
    expect(replyTo(`#tool-shape=${shape} Weather with get_weather, city=Paris please.`)).toBe(
      expectedByShape[shape],
    );
  });

  it('uses the envelope when no marker is given', () => {
    expect(replyTo('Weather with get_weather, city=Paris please.')).toBe(expectedByShape.envelope);
  });

  it('picks a name for unknown-tool that is really not offered', () => {
    const impostor = { name: 'unknown_tool', parameters: { type: 'object', properties: {} } };
    expect(replyTo('#tool-shape=unknown-tool', { tools: [impostor] })).toBe(
      '<tool_calls>\n[{"name":"unknown_tool_x","arguments":{}}]\n</tool_calls>',
    );
  });
});

describe('buildToolCallReply rules', () => {
  it('calls no tool when the rule forbids it', () => {
    expect(replyTo('get_weather city=Paris', { choice: { type: 'none' } })).toBeUndefined();
  });

  it('calls the named tool whatever the user mentions', () => {
    expect(
      replyTo('get_weather city=Paris order_id=Z9', { choice: { type: 'tool', name: 'lookup_order' } }),
    ).toBe('<tool_calls>\n[{"name":"lookup_order","arguments":{"order_id":"Z9"}}]\n</tool_calls>');
  });

  it('calls every mentioned tool, in the order mentioned, when parallel calls are allowed', () => {
    expect(replyTo('First lookup_order, then get_weather.', { choice: { type: 'required' } })).toBe(
      '<tool_calls>\n[{"name":"lookup_order","arguments":{"order_id":"example"}},{"name":"get_weather","arguments":{"city":"example","unit":"celsius"}}]\n</tool_calls>',
    );
  });

  it('calls only the first mentioned tool when at most one call is allowed', () => {
    expect(replyTo('First lookup_order, then get_weather.', { parallel: false })).toBe(
      '<tool_calls>\n[{"name":"lookup_order","arguments":{"order_id":"example"}}]\n</tool_calls>',
    );
  });

  it('calls the first tool when none is mentioned, matching names only as whole words', () => {
    expect(replyTo('Anything new on my_lookup_order_v2?')).toBe(
      '<tool_calls>\n[{"name":"get_weather","arguments":{"city":"example","unit":"celsius"}}]\n</tool_calls>',
    );
  });

  it('calls nothing once results come back, after the assistant spoke, or without tools', () => {
    const instructions = buildToolInstructions([weather], { type: 'required' }, true);
    const results = renderToolResults([
      { call_id: 'c1', name: 'get_weather', content: 'sunny', is_error: false },
    ]);
    const withResults: ChatMessage[] = [
      { role: 'system', content: instructions },
      { role: 'user', content: 'weather?' },
      { role: 'assistant', content: 'calling' },
      { role: 'user', content: results },
    ];
    expect(buildToolCallReply(readConversation('chat-generations', withResults))).toBeUndefined();
    const assistantLast = withResults.slice(0, 3);
    expect(buildToolCallReply(readConversation('chat-generations', assistantLast))).toBeUndefined();
    expect(
      buildToolCallReply(readConversation('chat-generations', [{ role: 'user', content: 'hi' }])),
    ).toBeUndefined();
  });
});
