import { describe, expect, it } from 'vitest';
import { sharedSchemaValidator } from '../schema/schema-validator.fixtures.ts';
import { call, expectRow, type Row, text, tools } from './parse-tool-calls.fixtures.ts';
import { parseToolCalls } from './parse-tool-calls.ts';

const rows: Row[] = [
  {
    title: 'documented envelope with prose before and a model id',
    output:
      'Let me look that up.\n<tool_calls>\n[{"id": "call_8f2k", "name": "lookup_order", "arguments": {"order_id": "A17"}}]\n</tool_calls>',
    content: [text('Let me look that up.'), call('call_8f2k', 'lookup_order', { order_id: 'A17' })],
    outcome: 'parsed',
  },
  {
    title: 'envelope alone, no id',
    output:
      '<tool_calls>\n[{"name": "get_weather", "arguments": {"city": "Paris", "unit": "celsius"}}]\n</tool_calls>',
    content: [call('gen_1', 'get_weather', { city: 'Paris', unit: 'celsius' })],
    outcome: 'parsed',
  },
  {
    title: 'several calls in one envelope array',
    output:
      'Checking both cities.\n<tool_calls>\n[{"name": "get_weather", "arguments": {"city": "Paris"}}, {"name": "get_weather", "arguments": {"city": "Berlin"}}]\n</tool_calls>',
    content: [
      text('Checking both cities.'),
      call('gen_1', 'get_weather', { city: 'Paris' }),
      call('gen_2', 'get_weather', { city: 'Berlin' }),
    ],
    outcome: 'parsed',
  },
  {
    title: 'two envelopes with prose between and after',
    output:
      'First the weather.\n<tool_calls>[{"name":"get_weather","arguments":{"city":"Oslo"}}]</tool_calls>\nAnd the time:\n<tool_calls>[{"name":"get_time","arguments":{}}]</tool_calls>\nThat is all.',
    content: [
      text('First the weather.'),
      call('gen_1', 'get_weather', { city: 'Oslo' }),
      text('And the time:'),
      call('gen_2', 'get_time', {}),
      text('That is all.'),
    ],
    outcome: 'parsed',
  },
  {
    title: 'json code fence with prose before and after',
    output:
      'I will check the order.\n\n```json\n{"name": "lookup_order", "arguments": {"order_id": "Z-9"}}\n```\n\nOne moment.',
    content: [
      text('I will check the order.'),
      call('gen_1', 'lookup_order', { order_id: 'Z-9' }),
      text('One moment.'),
    ],
    outcome: 'parsed',
  },
  {
    title: 'fence without a language holding an array of two calls',
    output:
      '```\n[\n  {"name": "get_time", "arguments": {}},\n  {"name": "lookup_order", "arguments": {"order_id": "Q1"}}\n]\n```',
    content: [call('gen_1', 'get_time', {}), call('gen_2', 'lookup_order', { order_id: 'Q1' })],
    outcome: 'parsed',
  },
  {
    title: 'upper-case JSON fence',
    output: '```JSON\n{"name": "get_weather", "arguments": {"city": "Madrid"}}\n```',
    content: [call('gen_1', 'get_weather', { city: 'Madrid' })],
    outcome: 'parsed',
  },
  {
    title: 'bare object as the whole reply',
    output: '{"name": "get_weather", "arguments": {"city": "Lisbon"}}',
    content: [call('gen_1', 'get_weather', { city: 'Lisbon' })],
    outcome: 'parsed',
  },
  {
    title: 'bare object between prose',
    output:
      'Sure, calling it now: {"name": "lookup_order", "arguments": {"order_id": "77"}} and I will report back.',
    content: [
      text('Sure, calling it now:'),
      call('gen_1', 'lookup_order', { order_id: '77' }),
      text('and I will report back.'),
    ],
    outcome: 'parsed',
  },
  {
    title: 'bare array of two calls',
    output:
      '[{"name": "get_weather", "arguments": {"city": "Rome"}}, {"name": "set_volume", "arguments": {"level": 10}}]',
    content: [call('gen_1', 'get_weather', { city: 'Rome' }), call('gen_2', 'set_volume', { level: 10 })],
    outcome: 'parsed',
  },
  {
    title: 'tool_calls wrapper with name/arguments items',
    output: '{"tool_calls": [{"name": "get_time", "arguments": {}}]}',
    content: [call('gen_1', 'get_time', {})],
    outcome: 'parsed',
  },
  {
    title: 'OpenAI wire shape with string-encoded arguments',
    output: String.raw`{"tool_calls": [{"id": "call_abc123", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\": \"Oslo\", \"unit\": \"fahrenheit\"}"}}]}`,
    content: [call('call_abc123', 'get_weather', { city: 'Oslo', unit: 'fahrenheit' })],
    outcome: 'parsed',
  },
  {
    title: 'function-wrapped items in the envelope',
    output:
      '<tool_calls>[{"function": {"name": "lookup_order", "arguments": {"order_id": "C3"}}}]</tool_calls>',
    content: [call('gen_1', 'lookup_order', { order_id: 'C3' })],
    outcome: 'parsed',
  },
  {
    title: 'calls wrapper',
    output: '{"calls": [{"name": "get_weather", "arguments": {"city": "Quito"}}]}',
    content: [call('gen_1', 'get_weather', { city: 'Quito' })],
    outcome: 'parsed',
  },
  {
    title: 'tool + parameters keys',
    output: '```json\n{"tool": "get_weather", "parameters": {"city": "Rome"}}\n```',
    content: [call('gen_1', 'get_weather', { city: 'Rome' })],
    outcome: 'parsed',
  },
  {
    title: 'tool_name + input keys',
    output: '<tool_calls>[{"tool_name": "lookup_order", "input": {"order_id": "B2"}}]</tool_calls>',
    content: [call('gen_1', 'lookup_order', { order_id: 'B2' })],
    outcome: 'parsed',
  },
  {
    title: 'name + args keys',
    output: '{"name": "set_volume", "args": {"level": 55, "muted": false}}',
    content: [call('gen_1', 'set_volume', { level: 55, muted: false })],
    outcome: 'parsed',
  },
  {
    title: 'Anthropic tool_use block shape',
    output:
      '{"type": "tool_use", "id": "toolu_01A09q90qw", "name": "get_weather", "input": {"city": "Bern"}}',
    content: [call('toolu_01A09q90qw', 'get_weather', { city: 'Bern' })],
    outcome: 'parsed',
  },
  {
    title: 'leaked multi_tool_use.parallel wrapper',
    output:
      '{"recipient_name": "multi_tool_use.parallel", "parameters": {"tool_uses": [{"recipient_name": "functions.get_weather", "parameters": {"city": "Paris"}}, {"recipient_name": "functions.get_time", "parameters": {}}]}}',
    content: [call('gen_1', 'get_weather', { city: 'Paris' }), call('gen_2', 'get_time', {})],
    outcome: 'parsed',
  },
  {
    title: 'singular <tool_call> tag',
    output: '<tool_call>\n{"name": "get_time", "arguments": {}}\n</tool_call>',
    content: [call('gen_1', 'get_time', {})],
    outcome: 'parsed',
  },
  {
    title: 'envelope whose JSON sits in a fence',
    output:
      'Calling:\n<tool_calls>\n```json\n[{"name": "lookup_order", "arguments": {"order_id": "F5"}}]\n```\n</tool_calls>',
    content: [text('Calling:'), call('gen_1', 'lookup_order', { order_id: 'F5' })],
    outcome: 'parsed',
  },
  {
    title: 'arguments as a JSON string holding escaped JSON',
    output: String.raw`<tool_calls>[{"name": "search_docs", "arguments": "{\"query\": \"parse {\\\"a\\\": 1}\", \"tags\": [\"json\"]}"}]</tool_calls>`,
    content: [call('gen_1', 'search_docs', { query: 'parse {"a": 1}', tags: ['json'] })],
    outcome: 'parsed',
  },
  {
    title: 'argument value holding JSON text, found bare',
    output: String.raw`Sending: {"name": "send_message", "arguments": {"to": "dev@example.com", "text": "payload {\"a\":1} attached"}}`,
    content: [
      text('Sending:'),
      call('gen_1', 'send_message', { to: 'dev@example.com', text: 'payload {"a":1} attached' }),
    ],
    outcome: 'parsed',
  },
  {
    title: 'argument value holding the closing tag',
    output:
      '<tool_calls>[{"name": "send_message", "arguments": {"to": "ops", "text": "end blocks with </tool_calls> please"}}]</tool_calls>\nSent.',
    content: [
      call('gen_1', 'send_message', { to: 'ops', text: 'end blocks with </tool_calls> please' }),
      text('Sent.'),
    ],
    outcome: 'parsed',
  },
  {
    title: 'emoji, CJK and RTL in prose and arguments',
    output:
      '好的，我来查一下 🌤️\n<tool_calls>[{"name": "get_weather", "arguments": {"city": "東京"}}, {"name": "send_message", "arguments": {"to": "سارة", "text": "مرحبا 👋"}}]</tool_calls>',
    content: [
      text('好的，我来查一下 🌤️'),
      call('gen_1', 'get_weather', { city: '東京' }),
      call('gen_2', 'send_message', { to: 'سارة', text: 'مرحبا 👋' }),
    ],
    outcome: 'parsed',
  },
  {
    title: 'missing argument key for a tool that needs none',
    output: '<tool_calls>[{"name": "get_time"}]</tool_calls>',
    content: [call('gen_1', 'get_time', {})],
    outcome: 'parsed',
  },
  {
    title: 'empty envelope is dropped',
    output: 'No tool needed, it is 4.\n<tool_calls>[]</tool_calls>',
    content: [text('No tool needed, it is 4.')],
    outcome: 'none',
  },
  {
    title: 'prose that mentions the tag is not an envelope',
    output: 'I do not need a <tool_calls> block for this: the answer is 4.',
    content: [text('I do not need a <tool_calls> block for this: the answer is 4.')],
    outcome: 'none',
  },
  {
    title: 'a python fence is ignored, the json fence is used',
    output:
      '```python\nprint({"name": "get_time"})\n```\nNow the call:\n```json\n{"name": "get_time", "arguments": {}}\n```',
    content: [
      text('```python\nprint({"name": "get_time"})\n```\nNow the call:'),
      call('gen_1', 'get_time', {}),
    ],
    outcome: 'parsed',
  },
  {
    title: 'duplicate and malformed model ids are replaced',
    output:
      '<tool_calls>[{"id": "call_1", "name": "get_time", "arguments": {}}, {"id": "call_1", "name": "get_time", "arguments": {}}, {"id": "call 3!", "name": "get_time", "arguments": {}}]</tool_calls>',
    content: [call('call_1', 'get_time', {}), call('gen_1', 'get_time', {}), call('gen_2', 'get_time', {})],
    outcome: 'parsed',
  },
];

describe('parseToolCalls: the shapes and places a call can take', () => {
  const validator = sharedSchemaValidator;

  it.each(rows)('$title', (row) => expectRow(row, validator));

  it('has a table of at least thirty real-looking outputs', () => {
    expect(rows.length).toBeGreaterThanOrEqual(30);
  });

  it('replaces an id already used earlier in the conversation', async () => {
    const result = await parseToolCalls(
      '<tool_calls>[{"id": "call_8f2k", "name": "get_time", "arguments": {}}]</tool_calls>',
      {
        tools,
        validator,
        createId: () => 'call_fresh',
        takenIds: new Set(['call_8f2k']),
      },
    );
    expect(result.content).toEqual([call('call_fresh', 'get_time', {})]);
  });
});
