// Messages bodies that are not JSON objects, not sent as JSON, or built to hurt a server.
import type { BadInputCase } from './describe-bad-input-table.ts';
import {
  messagesBody,
  messagesPath,
  nestedArrays,
  nestedObjects,
  placeholder,
  replacePlaceholder,
  withRawBytes,
} from './request-bodies.fixtures.ts';

/** The body limit the table's gateway runs with: above the 2 MB prompt, below the 4 MB body. */
export const anthropicBodyLimitBytes = 3 * 1024 * 1024;

const invalidJson = /not valid JSON/;
const notAnObject = /must be a JSON object/;
const invalidUtf8 = /UTF-8/;
const tooDeep = /nested more than \d+ levels deep/;
const pollution = '{"polluted":"yes"}';

function badBody(
  name: string,
  body: string | Uint8Array,
  param: string | null,
  mentions?: RegExp,
): BadInputCase {
  return { name, path: messagesPath, body, status: 400, param, ...(mentions ? { mentions } : {}) };
}

function badContentType(name: string, contentType: string | null): BadInputCase {
  return {
    name,
    path: messagesPath,
    body: messagesBody(),
    contentType,
    status: 415,
    param: null,
    mentions: /Content-Type must be application\/json/,
  };
}

function tooDeepBody(name: string, json: string, param: string): BadInputCase {
  return { ...badBody(name, json, param, tooDeep), pointsInside: true };
}

const toolUseTurn = (input: unknown) => ({
  role: 'assistant',
  content: [{ type: 'tool_use', id: 'toolu_1', name: 'lookup', input }],
});

/** Bodies that are not JSON, not objects, not UTF-8, not labelled as JSON, or hostile. */
export const anthropicBodyCases: BadInputCase[] = [
  badBody('truncated JSON', '{"model":"claude-sonnet-4-5","max_tokens":256,"messages":[', null, invalidJson),
  badBody('trailing garbage after the object', `${messagesBody()}}`, null, invalidJson),
  badBody(
    'NaN as a number',
    replacePlaceholder(messagesBody({ temperature: placeholder }), 'NaN'),
    null,
    invalidJson,
  ),
  badBody('single-quoted strings', "{'model':'claude-sonnet-4-5'}", null, invalidJson),
  badBody('an empty body', '', null, /empty/),
  badBody('a JSON array', '[]', null, notAnObject),
  badBody('a JSON string', '"Hello"', null, notAnObject),
  badBody('JSON null', 'null', null, notAnObject),
  badBody('a JSON number', '1', null, notAnObject),
  badBody(
    'invalid UTF-8 bytes in a message',
    withRawBytes(messagesBody({ messages: [{ role: 'user', content: `Hi ${placeholder}` }] }), [0xc3, 0x28]),
    'messages[0].content',
    invalidUtf8,
  ),
  badBody(
    'invalid UTF-8 bytes in system',
    withRawBytes(messagesBody({ system: placeholder }), [0xfe]),
    'system',
    invalidUtf8,
  ),
  badContentType('Content-Type text/plain', 'text/plain'),
  badContentType('Content-Type application/x-www-form-urlencoded', 'application/x-www-form-urlencoded'),
  badContentType('no Content-Type', null),
  badContentType('Content-Type multipart/form-data', 'multipart/form-data; boundary=x'),
  badBody(
    '__proto__ at the top level',
    replacePlaceholder(messagesBody({ extra: placeholder }), pollution).replace('"extra"', '"__proto__"'),
    '__proto__',
  ),
  badBody(
    '__proto__ inside a content block',
    messagesBody({
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi', extra: placeholder }] }],
    }).replace(`"extra":"${placeholder}"`, `"__proto__":${pollution}`),
    'messages[0].content[0].__proto__',
  ),
  badBody(
    'constructor.prototype at the top level',
    replacePlaceholder(messagesBody({ constructor: placeholder }), `{"prototype":${pollution}}`),
    'constructor.prototype',
  ),
  badBody(
    'constructor.prototype inside a tool input_schema',
    replacePlaceholder(
      messagesBody({
        tools: [{ name: 'lookup', input_schema: { type: 'object', constructor: placeholder } }],
      }),
      `{"prototype":${pollution}}`,
    ),
    'tools[0].input_schema.constructor.prototype',
  ),
  tooDeepBody(
    '10,000 nested arrays as message content',
    replacePlaceholder(
      messagesBody({ messages: [{ role: 'user', content: placeholder }] }),
      nestedArrays(10_000),
    ),
    'messages[0].content',
  ),
  tooDeepBody(
    '10,000 nested objects in a tool input_schema',
    replacePlaceholder(
      messagesBody({
        tools: [{ name: 'lookup', input_schema: { type: 'object', properties: placeholder } }],
      }),
      nestedObjects(10_000),
    ),
    'tools[0].input_schema.properties',
  ),
  tooDeepBody(
    '10,000 nested objects in an earlier tool_use input',
    replacePlaceholder(
      messagesBody({ messages: [{ role: 'user', content: 'Look it up.' }, toolUseTurn(placeholder)] }),
      nestedObjects(10_000),
    ),
    'messages[1].content[0].input',
  ),
  tooDeepBody(
    '10,000 nested arrays in metadata',
    replacePlaceholder(messagesBody({ metadata: { user_id: placeholder } }), nestedArrays(10_000)),
    'metadata.user_id',
  ),
  {
    name: 'a 2 MB message, over the prompt token limit',
    path: messagesPath,
    body: messagesBody({ messages: [{ role: 'user', content: 'word '.repeat(400_000) }] }),
    status: 400,
    param: null,
    names: 'prompt is too long',
  },
  {
    name: 'a 4 MB body, over BODY_LIMIT_BYTES',
    path: messagesPath,
    body: messagesBody({ system: 'x'.repeat(4 * 1024 * 1024) }),
    status: 413,
    param: null,
    mentions: new RegExp(`limit of ${anthropicBodyLimitBytes} bytes`),
  },
  badBody('a 1 MB model name', messagesBody({ model: 'c'.repeat(1024 * 1024) }), 'model'),
  badBody(
    'a 100 KB tool_use_id answering no tool_use',
    messagesBody({
      messages: [
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'u'.repeat(100_000), content: 'x' }] },
      ],
    }),
    'messages[0].content[0].tool_use_id',
  ),
];
