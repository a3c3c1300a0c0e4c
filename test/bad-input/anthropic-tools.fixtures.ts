// Messages and count_tokens bodies with broken tools, tool choices, settings or thinking.
import type { BadInputCase } from './describe-bad-input-table.ts';
import { badMessages, countTokensPath, withChanges } from './request-bodies.fixtures.ts';

const weatherTool = {
  name: 'weather',
  input_schema: { type: 'object', properties: { city: { type: 'string' } } },
};

function withSchema(inputSchema: unknown) {
  return { tools: [{ name: 'weather', input_schema: inputSchema }] };
}

const validCount = { model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'Hello' }] };

function badCount(name: string, changes: Record<string, unknown>, param: string, status = 400): BadInputCase {
  return {
    name: `count_tokens: ${name}`,
    path: countTokensPath,
    body: withChanges(validCount, changes),
    status,
    param,
  };
}

/** Tools that are not JSON Schema, unknown tool choices, absurd settings and bad thinking budgets. */
export const anthropicToolCases: BadInputCase[] = [
  badMessages('tools an object', { tools: weatherTool }, 'tools'),
  badMessages('a tool without a name', { tools: [{ input_schema: { type: 'object' } }] }, 'tools[0].name'),
  badMessages(
    'a tool name with spaces',
    { tools: [{ ...weatherTool, name: 'get weather' }] },
    'tools[0].name',
  ),
  badMessages(
    'a tool name of 65 characters',
    { tools: [{ ...weatherTool, name: 'w'.repeat(65) }] },
    'tools[0].name',
  ),
  badMessages(
    'a custom tool without input_schema',
    { tools: [{ name: 'weather' }] },
    'tools[0].input_schema',
  ),
  badMessages('input_schema a string', withSchema('string'), 'tools[0].input_schema'),
  badMessages('input_schema with type 12', withSchema({ type: 12 }), 'tools[0].input_schema'),
  badMessages(
    'input_schema whose properties are an array',
    withSchema({ type: 'object', properties: [] }),
    'tools[0].input_schema',
  ),
  badMessages(
    'a broken input_schema after a server tool',
    {
      tools: [
        { type: 'web_search_20250305', name: 'web_search' },
        { name: 'time', input_schema: { type: 'object', required: 5 } },
      ],
    },
    'tools[1].input_schema',
  ),
  badMessages('two tools with the same name', { tools: [weatherTool, weatherTool] }, 'tools[1].name'),
  badMessages('tool_choice a string', { tools: [weatherTool], tool_choice: 'auto' }, 'tool_choice'),
  badMessages(
    'tool_choice of unknown type',
    { tools: [weatherTool], tool_choice: { type: 'sometimes' } },
    'tool_choice.type',
  ),
  badMessages(
    'tool_choice naming an unknown tool',
    { tools: [weatherTool], tool_choice: { type: 'tool', name: 'time' } },
    'tool_choice.name',
  ),
  badMessages('tool_choice any without tools', { tool_choice: { type: 'any' } }, 'tool_choice'),
  badMessages('max_tokens -1', { max_tokens: -1 }, 'max_tokens'),
  badMessages('max_tokens 0', { max_tokens: 0 }, 'max_tokens'),
  badMessages('max_tokens 1e12', { max_tokens: 1e12 }, 'max_tokens'),
  badMessages('max_tokens 1.5', { max_tokens: 1.5 }, 'max_tokens'),
  badMessages('max_tokens "100"', { max_tokens: '100' }, 'max_tokens'),
  badMessages('temperature 1.5, above the Messages API maximum of 1', { temperature: 1.5 }, 'temperature'),
  badMessages('top_p 2', { top_p: 2 }, 'top_p'),
  badMessages('top_k -1', { top_k: -1 }, 'top_k'),
  badMessages('stop_sequences a string', { stop_sequences: 'END' }, 'stop_sequences'),
  badMessages('stop_sequences with a number entry', { stop_sequences: ['END', 5] }, 'stop_sequences[1]'),
  {
    ...badMessages(
      'stop_sequences with 33 entries',
      { stop_sequences: Array.from({ length: 33 }, (_, index) => `END${index}`) },
      'stop_sequences',
    ),
    mentions: /at most 32 items/,
  },
  {
    ...badMessages(
      'a stop sequence of 257 characters',
      { stop_sequences: ['x'.repeat(257)] },
      'stop_sequences[0]',
    ),
    mentions: /at most 256 characters/,
  },
  badMessages('thinking a string', { thinking: 'on' }, 'thinking'),
  badMessages('thinking of unknown type', { thinking: { type: 'maybe' } }, 'thinking.type'),
  badMessages(
    'thinking enabled without a budget',
    { thinking: { type: 'enabled' } },
    'thinking.budget_tokens',
  ),
  badMessages(
    'thinking budget 5, under the minimum of 1024',
    { thinking: { type: 'enabled', budget_tokens: 5 } },
    'thinking.budget_tokens',
  ),
  badMessages(
    'thinking budget not below max_tokens',
    { max_tokens: 2048, thinking: { type: 'enabled', budget_tokens: 4096 } },
    'thinking.budget_tokens',
  ),
  badMessages(
    'output_config.format schema with type 12',
    { output_config: { format: { type: 'json_schema', schema: { type: 12 } } } },
    'output_config.format.schema',
  ),
  badMessages(
    'output_format of unknown type',
    { output_format: { type: 'xml', schema: {} } },
    'output_format.type',
  ),
  {
    name: 'count_tokens: truncated JSON',
    path: countTokensPath,
    body: '{"model":"claude-sonnet-4-5","messages":[{"role"',
    status: 400,
    param: null,
    mentions: /not valid JSON/,
  },
  {
    name: 'count_tokens: Content-Type text/plain',
    path: countTokensPath,
    body: JSON.stringify(validCount),
    contentType: 'text/plain',
    status: 415,
    param: null,
    mentions: /Content-Type/,
  },
  badCount('messages missing', { messages: undefined }, 'messages'),
  badCount('messages empty', { messages: [] }, 'messages'),
  badCount('an unknown role', { messages: [{ role: 'wizard', content: 'Hi' }] }, 'messages[0].role'),
  badCount('system a number', { system: 5 }, 'system'),
  badCount('model unknown', { model: 'claude-unknown-9' }, 'model', 404),
  badCount('input_schema with type 12', withSchema({ type: 12 }), 'tools[0].input_schema'),
  badCount(
    'a tool_result with no tool_use before it',
    { messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1' }] }] },
    'messages[0].content[0].tool_use_id',
  ),
];
