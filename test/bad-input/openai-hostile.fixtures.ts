// Chat completions bodies built to hurt a server: prototype pollution, deep nesting, sheer size.
import type { BadInputCase } from './describe-bad-input-table.ts';
import {
  chatBody,
  chatPath,
  nestedArrays,
  nestedObjects,
  placeholder,
  replacePlaceholder,
} from './request-bodies.fixtures.ts';

/** The body limit the hostile table's gateway runs with: above the 2 MB prompt, below the 4 MB body. */
export const hostileBodyLimitBytes = 3 * 1024 * 1024;

const pollution = '{"polluted":"yes"}';
const tooDeep = /nested more than \d+ levels deep/;

function rawChat(name: string, json: string, param: string | null, mentions?: RegExp): BadInputCase {
  return { name, path: chatPath, body: json, status: 400, param, ...(mentions ? { mentions } : {}) };
}

function tooDeepChat(name: string, json: string, param: string): BadInputCase {
  return { ...rawChat(name, json, param, tooDeep), pointsInside: true };
}

function withTool(parameters: unknown): string {
  return chatBody({ tools: [{ type: 'function', function: { name: 'lookup', parameters } }] });
}

/** Prototype-pollution keys, 10,000-level nests and bodies of megabytes. */
export const openAIHostileCases: BadInputCase[] = [
  rawChat(
    '__proto__ at the top level',
    replacePlaceholder(chatBody({ extra: placeholder }), pollution).replace('"extra"', '"__proto__"'),
    '__proto__',
  ),
  rawChat(
    '__proto__ inside a message',
    chatBody().replace('"role":"user"', `"__proto__":${pollution},"role":"user"`),
    'messages[0].__proto__',
  ),
  rawChat(
    'constructor.prototype at the top level',
    replacePlaceholder(chatBody({ constructor: placeholder }), `{"prototype":${pollution}}`),
    'constructor.prototype',
  ),
  rawChat(
    'constructor.prototype inside a tool schema',
    replacePlaceholder(withTool({ type: 'object', constructor: placeholder }), `{"prototype":${pollution}}`),
    'tools[0].function.parameters.constructor.prototype',
  ),
  rawChat(
    '__proto__ as a property of a tool schema',
    replacePlaceholder(withTool({ type: 'object', properties: placeholder }), `{"__proto__":${pollution}}`),
    'tools[0].function.parameters.properties.__proto__',
  ),
  tooDeepChat(
    '10,000 nested arrays as message content',
    replacePlaceholder(
      chatBody({ messages: [{ role: 'user', content: placeholder }] }),
      nestedArrays(10_000),
    ),
    'messages[0].content',
  ),
  tooDeepChat(
    '10,000 nested objects in a tool schema',
    replacePlaceholder(withTool({ type: 'object', properties: placeholder }), nestedObjects(10_000)),
    'tools[0].function.parameters.properties',
  ),
  tooDeepChat(
    '10,000 nested arrays in a tool schema',
    replacePlaceholder(withTool({ type: 'object', enum: placeholder }), nestedArrays(10_000)),
    'tools[0].function.parameters.enum',
  ),
  tooDeepChat(
    '10,000 nested objects in a response_format schema',
    replacePlaceholder(
      chatBody({
        response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: placeholder } },
      }),
      nestedObjects(10_000),
    ),
    'response_format.json_schema.schema',
  ),
  tooDeepChat(
    '10,000 nested objects in a field the gateway does not use',
    replacePlaceholder(chatBody({ metadata: placeholder }), nestedObjects(10_000)),
    'metadata',
  ),
  tooDeepChat(
    '10,000 nested objects in the arguments of an earlier tool call',
    replacePlaceholder(
      chatBody({
        messages: [
          { role: 'user', content: 'Look it up.' },
          {
            role: 'assistant',
            tool_calls: [
              { id: 'call_1', type: 'function', function: { name: 'lookup', arguments: placeholder } },
            ],
          },
          { role: 'tool', tool_call_id: 'call_1', content: 'found' },
        ],
      }),
      nestedObjects(10_000),
    ),
    'messages[1].tool_calls[0].function.arguments',
  ),
  rawChat('100,000 nested arrays as the whole body', nestedArrays(100_000), null, /must be a JSON object/),
  {
    name: 'a 2 MB message, over the prompt token limit',
    path: chatPath,
    body: chatBody({ messages: [{ role: 'user', content: 'word '.repeat(400_000) }] }),
    status: 400,
    param: 'messages',
    names: 'prompt is too long',
  },
  {
    name: 'a 4 MB body, over BODY_LIMIT_BYTES',
    path: chatPath,
    body: chatBody({ messages: [{ role: 'user', content: 'x'.repeat(4 * 1024 * 1024) }] }),
    status: 413,
    param: null,
    mentions: new RegExp(`limit of ${hostileBodyLimitBytes} bytes`),
  },
  {
    name: 'a 1 MB model name',
    path: chatPath,
    body: chatBody({ model: 'm'.repeat(1024 * 1024) }),
    status: 400,
    param: 'model',
  },
  {
    name: 'a 100 KB tool_choice keyword',
    path: chatPath,
    body: chatBody({
      tools: [{ type: 'function', function: { name: 'lookup' } }],
      tool_choice: 'k'.repeat(100_000),
    }),
    status: 400,
    param: 'tool_choice',
  },
  {
    name: 'a 100 KB tool name',
    path: chatPath,
    body: chatBody({ tools: [{ type: 'function', function: { name: 'n'.repeat(100_000) } }] }),
    status: 400,
    param: 'tools[0].function.name',
  },
];
