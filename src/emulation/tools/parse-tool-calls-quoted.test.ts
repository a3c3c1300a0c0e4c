import { describe, it } from 'vitest';
import { sharedSchemaValidator } from '../schema/schema-validator.fixtures.ts';
import { call, expectRow, type Row, text } from './parse-tool-calls.fixtures.ts';

const calculatorResults =
  '<tool_results>\n[{"call_id":"call_n8n_calc","name":"Calculator","content":"84","is_error":false}]\n</tool_results>';

/** Outputs that quote results, restate a call or show an example: none of them is a new call. */
const rows: Row[] = [
  {
    title: 'the results block quoted back before the answer (the n8n loop)',
    output: `The calculator returned:\n\n${calculatorResults}\n\nSo 12 times 7 = 84.`,
    content: [text(`The calculator returned:\n\n${calculatorResults}\n\nSo 12 times 7 = 84.`)],
    outcome: 'none',
  },
  {
    title: 'the results block quoted, then a real new call',
    output: `${calculatorResults}\nNow I will divide that by 4.\n<tool_calls>[{"name": "Calculator", "arguments": {"input": "84/4"}}]</tool_calls>`,
    content: [
      text(`${calculatorResults}\nNow I will divide that by 4.`),
      call('gen_1', 'Calculator', { input: '84/4' }),
    ],
    outcome: 'parsed',
  },
  {
    title: 'a results block quoting docs that show a call envelope',
    output: String.raw`<tool_results>
[{"call_id": "call_5", "name": "search_docs", "content": "To call a tool write <tool_calls>[{\"name\": \"get_time\", \"arguments\": {}}]</tool_calls>", "is_error": false}]
</tool_results>
The docs explain the call format.`,
    content: [
      text(String.raw`<tool_results>
[{"call_id": "call_5", "name": "search_docs", "content": "To call a tool write <tool_calls>[{\"name\": \"get_time\", \"arguments\": {}}]</tool_calls>", "is_error": false}]
</tool_results>
The docs explain the call format.`),
    ],
    outcome: 'none',
  },
  {
    title: 'a call-shaped item inside a results block',
    output:
      'Here is what came back:\n<tool_results>\n[{"name": "get_time", "arguments": {}}]\n</tool_results>\nIt is noon.',
    content: [
      text(
        'Here is what came back:\n<tool_results>\n[{"name": "get_time", "arguments": {}}]\n</tool_results>\nIt is noon.',
      ),
    ],
    outcome: 'none',
  },
  {
    title: 'a results block cut off mid-quote',
    output: 'So far:\n<tool_results>\n[{"call_id": "call_1", "name": "get_time", "content": "09:00"',
    content: [text('So far:\n<tool_results>\n[{"call_id": "call_1", "name": "get_time", "content": "09:00"')],
    outcome: 'none',
  },
  {
    title: 'the singular <tool_result> tag around an error result',
    output:
      '<tool_result>\n{"call_id": "call_9", "name": "get_time", "content": "clock unavailable", "is_error": true}\n</tool_result>\nThe clock tool failed, sorry.',
    content: [
      text(
        '<tool_result>\n{"call_id": "call_9", "name": "get_time", "content": "clock unavailable", "is_error": true}\n</tool_result>\nThe clock tool failed, sorry.',
      ),
    ],
    outcome: 'none',
  },
  {
    title: 'results JSON quoted in a fence without the tags',
    output:
      'The tool answered:\n```json\n[{"call_id": "call_7", "name": "lookup_order", "content": "shipped on May 2", "is_error": false}]\n```\nYour order is on its way.',
    content: [
      text(
        'The tool answered:\n```json\n[{"call_id": "call_7", "name": "lookup_order", "content": "shipped on May 2", "is_error": false}]\n```\nYour order is on its way.',
      ),
    ],
    outcome: 'none',
  },
  {
    title: 'a bare result of a tool that takes no arguments',
    output:
      'get_time said {"call_id": "call_3", "name": "get_time", "content": "14:05", "is_error": false}, so it is just past two.',
    content: [
      text(
        'get_time said {"call_id": "call_3", "name": "get_time", "content": "14:05", "is_error": false}, so it is just past two.',
      ),
    ],
    outcome: 'none',
  },
  {
    title: 'a Responses-style function_call_output restated with its tool name',
    output:
      'Done: {"type": "function_call_output", "call_id": "call_n8n_calc", "name": "Calculator", "output": "84"}',
    content: [
      text(
        'Done: {"type": "function_call_output", "call_id": "call_n8n_calc", "name": "Calculator", "output": "84"}',
      ),
    ],
    outcome: 'none',
  },
  {
    title: 'an Anthropic-style tool_result restated with its tool name',
    output:
      '{"type": "tool_result", "tool_use_id": "toolu_01", "name": "get_weather", "content": "18°C and sunny"}\nIt is 18°C and sunny in Paris.',
    content: [
      text(
        '{"type": "tool_result", "tool_use_id": "toolu_01", "name": "get_weather", "content": "18°C and sunny"}\nIt is 18°C and sunny in Paris.',
      ),
    ],
    outcome: 'none',
  },
  {
    title: 'prose naming the results tag does not hide a call after it',
    output:
      'The <tool_results> say 18°C in Paris; now Berlin: {"name": "get_weather", "arguments": {"city": "Berlin"}}',
    content: [
      text('The <tool_results> say 18°C in Paris; now Berlin:'),
      call('gen_1', 'get_weather', { city: 'Berlin' }),
    ],
    outcome: 'parsed',
  },
  {
    title: 'a call restated in prose by its arguments only',
    output: 'I asked lookup_order for {"order_id": "A17"} and it says the parcel shipped yesterday.',
    content: [text('I asked lookup_order for {"order_id": "A17"} and it says the parcel shipped yesterday.')],
    outcome: 'none',
  },
  {
    title: 'a call restated by its tool name alone, for a tool with optional arguments',
    output: 'I used {"name": "Calculator"} to work it out: 12 times 7 = 84.',
    content: [text('I used {"name": "Calculator"} to work it out: 12 times 7 = 84.')],
    outcome: 'failed',
    problems: ['tool "Calculator": no arguments were given, but it takes input'],
  },
  {
    title: 'an envelope item without arguments, for a tool with optional arguments',
    output: '<tool_calls>[{"id": "call_2", "name": "Calculator"}]</tool_calls>',
    content: [text('<tool_calls>[{"id": "call_2", "name": "Calculator"}]</tool_calls>')],
    outcome: 'failed',
    problems: ['tool "Calculator": no arguments were given, but it takes input'],
  },
  {
    title: 'an example call with a placeholder tool name',
    output:
      'A call looks like this:\n```json\n{"name": "tool_name", "arguments": {"param": "value"}}\n```\nReplace the name and arguments.',
    content: [
      text(
        'A call looks like this:\n```json\n{"name": "tool_name", "arguments": {"param": "value"}}\n```\nReplace the name and arguments.',
      ),
    ],
    outcome: 'none',
  },
  {
    title: 'an example call with a placeholder that is not a valid argument',
    output: 'To change the volume, send {"name": "set_volume", "arguments": {"level": "<0-100>"}}.',
    content: [text('To change the volume, send {"name": "set_volume", "arguments": {"level": "<0-100>"}}.')],
    outcome: 'failed',
    problems: ['tool "set_volume": arguments.level must be integer'],
  },
  {
    title: 'an example of the results format',
    output:
      'Results come back like this:\n<tool_results>\n[{"call_id": "call_8f2k", "name": "lookup_order", "content": "shipped", "is_error": false}]\n</tool_results>',
    content: [
      text(
        'Results come back like this:\n<tool_results>\n[{"call_id": "call_8f2k", "name": "lookup_order", "content": "shipped", "is_error": false}]\n</tool_results>',
      ),
    ],
    outcome: 'none',
  },
];

describe('parseToolCalls: quoted results, restated calls and example calls', () => {
  const validator = sharedSchemaValidator;

  it.each(rows)('$title', (row) => expectRow(row, validator));
});
