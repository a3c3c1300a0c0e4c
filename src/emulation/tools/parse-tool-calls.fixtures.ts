import { expect } from 'vitest';
import type { TextPart, ToolCallPart, ToolDefinition } from '../../core/model.ts';
import type { SchemaValidator } from '../schema/schema-validator.ts';
import { parseToolCalls, type ToolParseOutcome } from './parse-tool-calls.ts';

/** The tools offered to the model in every parseToolCalls test. */
export const tools: ToolDefinition[] = [
  {
    name: 'get_weather',
    description: 'Current weather for a city.',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
      required: ['city'],
    },
  },
  {
    name: 'lookup_order',
    parameters: { type: 'object', properties: { order_id: { type: 'string' } }, required: ['order_id'] },
  },
  {
    name: 'set_volume',
    parameters: {
      type: 'object',
      properties: { level: { type: 'integer', minimum: 0, maximum: 100 }, muted: { type: 'boolean' } },
      required: ['level'],
    },
  },
  { name: 'get_time', parameters: { type: 'object', properties: {} } },
  {
    name: 'send_message',
    parameters: {
      type: 'object',
      properties: { to: { type: 'string' }, text: { type: 'string' } },
      required: ['to', 'text'],
    },
  },
  {
    name: 'search_docs',
    parameters: {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: { query: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } },
      required: ['query'],
    },
  },
  // n8n's Calculator: one optional argument, so `{}` validates and only the parser can refuse it.
  {
    name: 'Calculator',
    parameters: { type: 'object', properties: { input: { type: 'string' } }, additionalProperties: false },
  },
];

/** A text part holding value. */
export function text(value: string): TextPart {
  return { type: 'text', text: value };
}

/** A tool-call part with the given id, name and arguments. */
export function call(id: string, name: string, args: unknown): ToolCallPart {
  return { type: 'tool-call', id, name, arguments: args };
}

/** One model output and what parseToolCalls should make of it. */
export interface Row {
  title: string;
  output: string;
  content: Array<TextPart | ToolCallPart>;
  outcome: ToolParseOutcome;
  problems?: string[];
  allowedNames?: string[];
}

/** Parses the row's output with ids gen_1, gen_2… and checks the content, outcome and problems. */
export async function expectRow(row: Row, validator: SchemaValidator): Promise<void> {
  let counter = 0;
  const result = await parseToolCalls(row.output, {
    tools,
    validator,
    createId: () => `gen_${++counter}`,
    allowedNames: row.allowedNames ? new Set(row.allowedNames) : undefined,
  });
  expect(result.content).toEqual(row.content);
  expect(result.outcome).toBe(row.outcome);
  expect(result.problems).toEqual(row.problems ?? []);
}
