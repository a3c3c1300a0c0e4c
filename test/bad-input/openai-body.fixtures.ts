// Chat completions bodies that are not JSON objects, or not sent as JSON.
import type { BadInputCase } from './describe-bad-input-table.ts';
import {
  chatBody,
  chatPath,
  placeholder,
  replacePlaceholder,
  withRawBytes,
} from './request-bodies.fixtures.ts';

function badBody(name: string, body: string | Uint8Array, mentions: RegExp): BadInputCase {
  return { name, path: chatPath, body, status: 400, param: null, mentions };
}

function badContentType(name: string, contentType: string | null): BadInputCase {
  return {
    name,
    path: chatPath,
    body: chatBody(),
    contentType,
    status: 415,
    param: null,
    mentions: /Content-Type must be application\/json/,
  };
}

const invalidJson = /not valid JSON/;
const notAnObject = /must be a JSON object/;
const invalidUtf8 = /UTF-8/;

/** Bodies that are not JSON, not objects, not UTF-8 or not labelled as JSON. */
export const openAIBodyCases: BadInputCase[] = [
  badBody('truncated JSON', '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hel', invalidJson),
  badBody('trailing garbage after the object', `${chatBody()} trailing`, invalidJson),
  badBody('a second object after the first', `${chatBody()}${chatBody()}`, invalidJson),
  badBody('NaN as a number', replacePlaceholder(chatBody({ temperature: placeholder }), 'NaN'), invalidJson),
  badBody(
    'Infinity as a number',
    replacePlaceholder(chatBody({ top_p: placeholder }), 'Infinity'),
    invalidJson,
  ),
  badBody('single-quoted strings', "{'model':'gpt-4o-mini','messages':[]}", invalidJson),
  badBody('a comment inside the object', '{"model":"gpt-4o-mini", /* why */ "messages":[]}', invalidJson),
  badBody('a trailing comma', '{"model":"gpt-4o-mini","messages":[],}', invalidJson),
  badBody('an unquoted key', '{model:"gpt-4o-mini"}', invalidJson),
  badBody('an empty body', '', /empty/),
  badBody('a body of whitespace only', '  \n ', /JSON/),
  badBody('a JSON array', '[{"role":"user","content":"Hello"}]', notAnObject),
  badBody('a JSON string', '"Hello"', notAnObject),
  badBody('JSON null', 'null', notAnObject),
  badBody('a JSON number', '42', notAnObject),
  badBody('JSON true', 'true', notAnObject),
  badBody('a UTF-16 body with a byte-order mark', Buffer.from(`\ufeff${chatBody()}`, 'utf16le'), invalidUtf8),
  {
    name: 'invalid UTF-8 bytes in a message',
    path: chatPath,
    body: withRawBytes(
      chatBody({ messages: [{ role: 'user', content: `Hi ${placeholder}` }] }),
      [0xff, 0xfe],
    ),
    status: 400,
    param: 'messages[0].content',
    mentions: invalidUtf8,
  },
  {
    name: 'a lone UTF-8 continuation byte in the model name',
    path: chatPath,
    body: withRawBytes(chatBody({ model: `gpt${placeholder}` }), [0x80]),
    status: 400,
    param: 'model',
    mentions: invalidUtf8,
  },
  {
    name: 'an overlong UTF-8 encoding of "/" in a tool description',
    path: chatPath,
    body: withRawBytes(
      chatBody({
        tools: [{ type: 'function', function: { name: 'lookup', description: `a${placeholder}b` } }],
      }),
      [0xc0, 0xaf],
    ),
    status: 400,
    param: 'tools[0].function.description',
    mentions: invalidUtf8,
  },
  {
    name: 'a UTF-16 surrogate encoded as UTF-8 in a message',
    path: chatPath,
    body: withRawBytes(chatBody({ messages: [{ role: 'user', content: placeholder }] }), [0xed, 0xa0, 0x80]),
    status: 400,
    param: 'messages[0].content',
    mentions: invalidUtf8,
  },
  badContentType('Content-Type text/plain', 'text/plain'),
  badContentType('Content-Type application/x-www-form-urlencoded', 'application/x-www-form-urlencoded'),
  badContentType('no Content-Type', null),
  badContentType('Content-Type multipart/form-data', 'multipart/form-data; boundary=x'),
  badContentType('Content-Type application/xml', 'application/xml'),
];
