import { describe, expect, it } from 'vitest';
import { sharedSchemaValidator } from '../schema/schema-validator.fixtures.ts';
import { call, expectRow, type Row, text, tools } from './parse-tool-calls.fixtures.ts';
import { parseToolCalls } from './parse-tool-calls.ts';

const rows: Row[] = [
  {
    title: 'unknown tool in an envelope',
    output: 'Booking.\n<tool_calls>[{"name": "book_flight", "arguments": {"to": "LIS"}}]</tool_calls>',
    content: [
      text('Booking.\n<tool_calls>[{"name": "book_flight", "arguments": {"to": "LIS"}}]</tool_calls>'),
    ],
    outcome: 'failed',
    problems: ['tool "book_flight": no such tool'],
  },
  {
    title: 'unknown tool in bare JSON is just text',
    output: '{"name": "book_flight", "arguments": {"to": "LIS"}}',
    content: [text('{"name": "book_flight", "arguments": {"to": "LIS"}}')],
    outcome: 'none',
  },
  {
    title: 'one unknown among known calls fails the whole array',
    output: '[{"name": "get_time", "arguments": {}}, {"name": "book_flight", "arguments": {}}]',
    content: [text('[{"name": "get_time", "arguments": {}}, {"name": "book_flight", "arguments": {}}]')],
    outcome: 'failed',
    problems: ['tool "book_flight": no such tool'],
  },
  {
    title: 'one good envelope and one broken envelope',
    output:
      '<tool_calls>[{"name": "get_time", "arguments": {}}]</tool_calls>\n<tool_calls>[{"name": "nope", "arguments": {}}]</tool_calls>',
    content: [
      call('gen_1', 'get_time', {}),
      text('<tool_calls>[{"name": "nope", "arguments": {}}]</tool_calls>'),
    ],
    outcome: 'parsed',
    problems: ['tool "nope": no such tool'],
  },
  {
    title: 'a JSON answer that is not a call',
    output: '{"city": "Paris", "temperature": 21, "conditions": "sunny"}',
    content: [text('{"city": "Paris", "temperature": 21, "conditions": "sunny"}')],
    outcome: 'none',
  },
  {
    title: 'plain prose with braces and brackets',
    output: 'Use {name} placeholders in the template, e.g. "Hello {name}" [see docs].',
    content: [text('Use {name} placeholders in the template, e.g. "Hello {name}" [see docs].')],
    outcome: 'none',
  },
  {
    title: 'a markdown JSON example that is not a call',
    output: 'A config looks like this:\n\n```json\n{"name": "primary", "retries": 3}\n```\n',
    content: [text('A config looks like this:\n\n```json\n{"name": "primary", "retries": 3}\n```\n')],
    outcome: 'none',
  },
  {
    title: 'the model echoing a tool definition',
    output:
      'This tool exists:\n```json\n{"name": "get_weather", "description": "Current weather for a city.", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}\n```',
    content: [
      text(
        'This tool exists:\n```json\n{"name": "get_weather", "description": "Current weather for a city.", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}\n```',
      ),
    ],
    outcome: 'none',
  },
  {
    title: 'a named tool_choice forbids the other tools',
    output: '<tool_calls>[{"name": "get_time", "arguments": {}}]</tool_calls>',
    content: [text('<tool_calls>[{"name": "get_time", "arguments": {}}]</tool_calls>')],
    outcome: 'failed',
    problems: ['tool "get_time": this tool may not be called now'],
    allowedNames: ['get_weather'],
  },
  {
    title: 'plain prose',
    output: 'The capital of France is Paris.',
    content: [text('The capital of France is Paris.')],
    outcome: 'none',
  },
];

describe('parseToolCalls: unknown or forbidden tools, and outputs that are not calls', () => {
  const validator = sharedSchemaValidator;

  it.each(rows)('$title', (row) => expectRow(row, validator));

  it('returns no parts for an empty reply', async () => {
    const result = await parseToolCalls('', { tools, validator, createId: () => 'unused' });
    expect(result).toEqual({ content: [], outcome: 'none', problems: [] });
  });
});
