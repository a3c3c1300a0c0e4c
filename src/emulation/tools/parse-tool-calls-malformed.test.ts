import { describe, it } from 'vitest';
import { sharedSchemaValidator } from '../schema/schema-validator.fixtures.ts';
import { call, expectRow, type Row, text } from './parse-tool-calls.fixtures.ts';

const rows: Row[] = [
  {
    title: 'trailing commas',
    output: '<tool_calls>\n[{"name": "get_weather", "arguments": {"city": "Paris",},},]\n</tool_calls>',
    content: [call('gen_1', 'get_weather', { city: 'Paris' })],
    outcome: 'repaired',
  },
  {
    title: 'single quotes in a fence',
    output: "```json\n{'name': 'get_weather', 'arguments': {'city': 'Nice'}}\n```",
    content: [call('gen_1', 'get_weather', { city: 'Nice' })],
    outcome: 'repaired',
  },
  {
    title: 'truncated envelope: unclosed brackets and no closing tag',
    output: 'On it.\n<tool_calls>\n[{"name": "lookup_order", "arguments": {"order_id": "A17"',
    content: [text('On it.'), call('gen_1', 'lookup_order', { order_id: 'A17' })],
    outcome: 'repaired',
  },
  {
    title: 'truncated bare object',
    output: 'Let me check: {"name": "get_weather", "arguments": {"city": "Kyiv"}',
    content: [text('Let me check:'), call('gen_1', 'get_weather', { city: 'Kyiv' })],
    outcome: 'repaired',
  },
  {
    title: 'unquoted keys',
    output: '<tool_calls>[{name: "set_volume", arguments: {level: 20}}]</tool_calls>',
    content: [call('gen_1', 'set_volume', { level: 20 })],
    outcome: 'repaired',
  },
  {
    title: 'smart quotes from a word processor',
    output: '<tool_calls>[{“name”: “get_weather”, “arguments”: {“city”: “Lyon”}}]</tool_calls>',
    content: [call('gen_1', 'get_weather', { city: 'Lyon' })],
    outcome: 'repaired',
  },
  {
    title: 'Python literals',
    output: '{"name": "set_volume", "arguments": {"level": 30, "muted": False}}',
    content: [call('gen_1', 'set_volume', { level: 30, muted: false })],
    outcome: 'repaired',
  },
  {
    title: 'arguments as a single-quoted string that needs repair',
    output: `<tool_calls>[{"name": "lookup_order", "arguments": "{'order_id': 'K4'}"}]</tool_calls>`,
    content: [call('gen_1', 'lookup_order', { order_id: 'K4' })],
    outcome: 'repaired',
  },
  {
    title: 'string argument coerced from a number, boolean from a string',
    output: '<tool_calls>[{"name": "set_volume", "arguments": {"level": "5", "muted": "true"}}]</tool_calls>',
    content: [call('gen_1', 'set_volume', { level: 5, muted: true })],
    outcome: 'repaired',
  },
  {
    title: 'wrong type that cannot be coerced',
    output:
      'Turning it up.\n<tool_calls>[{"name": "set_volume", "arguments": {"level": "loud"}}]</tool_calls>',
    content: [
      text(
        'Turning it up.\n<tool_calls>[{"name": "set_volume", "arguments": {"level": "loud"}}]</tool_calls>',
      ),
    ],
    outcome: 'failed',
    problems: ['tool "set_volume": arguments.level must be integer'],
  },
  {
    title: 'null for a required string is not coerced',
    output: '<tool_calls>[{"name": "lookup_order", "arguments": {"order_id": null}}]</tool_calls>',
    content: [text('<tool_calls>[{"name": "lookup_order", "arguments": {"order_id": null}}]</tool_calls>')],
    outcome: 'failed',
    problems: ['tool "lookup_order": arguments.order_id must be string'],
  },
  {
    title: 'value outside an enum',
    output:
      '<tool_calls>[{"name": "get_weather", "arguments": {"city": "Oslo", "unit": "kelvin"}}]</tool_calls>',
    content: [
      text(
        '<tool_calls>[{"name": "get_weather", "arguments": {"city": "Oslo", "unit": "kelvin"}}]</tool_calls>',
      ),
    ],
    outcome: 'failed',
    problems: ['tool "get_weather": arguments.unit must be one of "celsius", "fahrenheit"'],
  },
  {
    title: 'missing argument key for a tool with required fields',
    output: '<tool_calls>[{"name": "lookup_order"}]</tool_calls>',
    content: [text('<tool_calls>[{"name": "lookup_order"}]</tool_calls>')],
    outcome: 'failed',
    problems: ['tool "lookup_order": no arguments were given, but it requires order_id'],
  },
  {
    title: 'required field missing inside the arguments',
    output: '<tool_calls>[{"name": "send_message", "arguments": {"to": "ops"}}]</tool_calls>',
    content: [text('<tool_calls>[{"name": "send_message", "arguments": {"to": "ops"}}]</tool_calls>')],
    outcome: 'failed',
    problems: [`tool "send_message": arguments must have required property 'text'`],
  },
  {
    title: 'arguments given as an array',
    output: '<tool_calls>[{"name": "get_weather", "arguments": ["Paris"]}]</tool_calls>',
    content: [text('<tool_calls>[{"name": "get_weather", "arguments": ["Paris"]}]</tool_calls>')],
    outcome: 'failed',
    problems: ['tool "get_weather": the arguments are not a JSON object'],
  },
  {
    title: 'envelope with JSON beyond repair',
    output: 'Checking.\n<tool_calls>\nget_weather(city="Paris")\n</tool_calls>',
    content: [text('Checking.\n<tool_calls>\nget_weather(city="Paris")\n</tool_calls>')],
    outcome: 'failed',
    problems: ['the <tool_calls> block is not valid JSON'],
  },
  {
    title: 'a stray brace in prose before a truncated call',
    output: 'The { key opens a block. {"name": "lookup_order", "arguments": {"order_id": "Z"',
    content: [text('The { key opens a block.'), call('gen_1', 'lookup_order', { order_id: 'Z' })],
    outcome: 'repaired',
  },
];

describe('parseToolCalls: repairing or rejecting malformed calls', () => {
  const validator = sharedSchemaValidator;

  it.each(rows)('$title', (row) => expectRow(row, validator));
});
