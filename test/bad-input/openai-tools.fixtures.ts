// Chat completions bodies with broken tools, tool choices or response formats.
import type { BadInputCase } from './describe-bad-input-table.ts';
import { badChat } from './request-bodies.fixtures.ts';

function tool(definition: Record<string, unknown>) {
  return { type: 'function', function: { name: 'weather', ...definition } };
}

function withParameters(parameters: unknown) {
  return { tools: [tool({ parameters })] };
}

function jsonSchemaFormat(jsonSchema: unknown) {
  return { response_format: { type: 'json_schema', json_schema: jsonSchema } };
}

const weatherTools = [tool({ parameters: { type: 'object', properties: { city: { type: 'string' } } } })];

/** Tool definitions that are not JSON Schema, unknown tool choices and bad response formats. */
export const openAIToolCases: BadInputCase[] = [
  badChat('tools an object', { tools: tool({}) }, 'tools'),
  badChat('a tool of unknown type', { tools: [{ type: 'retrieval' }] }, 'tools[0].type'),
  badChat('a tool without function', { tools: [{ type: 'function' }] }, 'tools[0].function'),
  badChat(
    'a function without a name',
    { tools: [{ type: 'function', function: { description: 'x' } }] },
    'tools[0].function.name',
  ),
  badChat('a function name that is empty', { tools: [tool({ name: '' })] }, 'tools[0].function.name'),
  badChat(
    'a function name with spaces',
    { tools: [tool({ name: 'get weather' })] },
    'tools[0].function.name',
  ),
  badChat(
    'a function name of 65 characters',
    { tools: [tool({ name: 'w'.repeat(65) })] },
    'tools[0].function.name',
  ),
  badChat('parameters a string', withParameters('string'), 'tools[0].function.parameters'),
  badChat('parameters an array', withParameters([{ type: 'string' }]), 'tools[0].function.parameters'),
  badChat('parameters with type 12', withParameters({ type: 12 }), 'tools[0].function.parameters'),
  badChat(
    'parameters with an unknown type name',
    withParameters({ type: 'map' }),
    'tools[0].function.parameters',
  ),
  badChat(
    'parameters whose properties are an array',
    withParameters({ type: 'object', properties: [] }),
    'tools[0].function.parameters',
  ),
  badChat(
    'parameters whose required is a string',
    withParameters({ type: 'object', required: 'city' }),
    'tools[0].function.parameters',
  ),
  badChat(
    'the second tool of two with a broken schema',
    {
      tools: [
        ...weatherTools,
        tool({ name: 'time', parameters: { type: 'object', properties: { zone: { type: 7 } } } }),
      ],
    },
    'tools[1].function.parameters',
  ),
  badChat(
    'two tools with the same name',
    { tools: [...weatherTools, ...weatherTools] },
    'tools[1].function.name',
  ),
  badChat(
    'tool_choice a keyword that does not exist',
    { tools: weatherTools, tool_choice: 'sometimes' },
    'tool_choice',
  ),
  badChat('tool_choice a number', { tools: weatherTools, tool_choice: 1 }, 'tool_choice'),
  badChat('tool_choice "required" without tools', { tool_choice: 'required' }, 'tool_choice'),
  badChat(
    'tool_choice naming an unknown tool',
    { tools: weatherTools, tool_choice: { type: 'function', function: { name: 'time' } } },
    'tool_choice.function.name',
  ),
  badChat(
    'tool_choice of type function without function',
    { tools: weatherTools, tool_choice: { type: 'function' } },
    'tool_choice.function',
  ),
  badChat(
    'parallel_tool_calls a string',
    { tools: weatherTools, parallel_tool_calls: 'yes' },
    'parallel_tool_calls',
  ),
  badChat(
    'legacy functions with a broken schema',
    { functions: [{ name: 'weather', parameters: { type: 'object', properties: 'city' } }] },
    'functions[0].parameters',
  ),
  badChat(
    'legacy function_call naming an unknown function',
    { functions: [{ name: 'weather' }], function_call: { name: 'time' } },
    'function_call.name',
  ),
  badChat('response_format a string', { response_format: 'json' }, 'response_format'),
  badChat('response_format of unknown type', { response_format: { type: 'xml' } }, 'response_format.type'),
  badChat(
    'response_format json_schema without json_schema',
    { response_format: { type: 'json_schema' } },
    'response_format.json_schema',
  ),
  badChat(
    'response_format json_schema without a name',
    jsonSchemaFormat({ schema: { type: 'object' } }),
    'response_format.json_schema.name',
  ),
  badChat(
    'response_format schema a string',
    jsonSchemaFormat({ name: 'answer', schema: 'object' }),
    'response_format.json_schema.schema',
  ),
  badChat(
    'response_format schema with type 12',
    jsonSchemaFormat({ name: 'answer', schema: { type: 12 } }),
    'response_format.json_schema.schema',
  ),
];
