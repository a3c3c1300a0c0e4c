import { isUtf8 } from 'node:buffer';
import { GatewayError } from '../../core/errors.ts';
import { formatParam } from './map-validation-issue.ts';
import { searchJson } from './search-json.ts';

// Body policy: a request body is UTF-8 JSON (a leading byte-order mark is tolerated, as
// Fastify's own parser does). Once parsed, an object body is refused when it
//  - nests deeper than maximumDepth: the gateway's schema checks and serializers recurse, and a
//    10,000-level nest would overflow their stack;
//  - holds a `__proto__` key, or a `constructor` object with a `prototype` key, anywhere: code
//    that merges such a value into an object can pollute Object.prototype for every request.
// A body that is not an object is left to the route, which says what it needs instead.

/** Most objects and arrays nested in one another that a body may hold; real tool schemas stay far below it. */
export const maximumDepth = 128;

// How much of the path to a too-deep value is shown: enough to name the field that holds it.
const shownPathSegments = 6;
const byteOrderMark = '\ufeff';
const replacementCharacter = '\ufffd';

/** A request body's bytes -> its JSON value; throws a 400 GatewayError saying what is wrong and where. */
export function parseJsonBody(body: Buffer): unknown {
  if (!isUtf8(body)) throw notUtf8Error(body);
  let text = body.toString('utf8');
  if (text.startsWith(byteOrderMark)) text = text.slice(1);
  if (text === '') throw emptyBodyError();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalidJsonError(error);
  }
  if (isObject(value)) refuseUnsafeContent(value);
  return value;
}

/** The answer to a body that is not JSON; `cause` is the parser's error, which may tell where. */
export function invalidJsonError(cause?: unknown): GatewayError {
  const parserMessage = cause instanceof Error ? cause.message : '';
  const position = /at position (\d+)/.exec(parserMessage)?.[1];
  const where =
    position !== undefined
      ? ` (at character ${position})`
      : parserMessage.includes('Unexpected end')
        ? ' (it ends before the JSON is complete)'
        : '';
  return new GatewayError(
    'invalid_request',
    `The request body is not valid JSON${where}; send one JSON object.`,
    {
      code: 'invalid_json',
    },
  );
}

/** The answer to an empty body. */
export function emptyBodyError(): GatewayError {
  return new GatewayError('invalid_request', 'The request body is empty; send one JSON object.', {
    code: 'invalid_json',
  });
}

function refuseUnsafeContent(body: object): void {
  const found = searchJson(body, (value, depth) => {
    // the root is at depth 0, so a container at depth maximumDepth is one level too many
    if (depth >= maximumDepth && typeof value === 'object' && value !== null)
      return { finding: 'too-deep' as const };
    if (!isObject(value)) return undefined;
    if (Object.hasOwn(value, '__proto__')) return { finding: 'prototype-key' as const, keys: ['__proto__'] };
    const ownConstructor = Object.hasOwn(value, 'constructor') ? value.constructor : undefined;
    if (isObject(ownConstructor) && Object.hasOwn(ownConstructor, 'prototype')) {
      return { finding: 'prototype-key' as const, keys: ['constructor', 'prototype'] };
    }
    return undefined;
  });
  if (!found) return;
  if (found.finding === 'too-deep') {
    const param = formatParam(found.path.slice(0, shownPathSegments));
    throw new GatewayError(
      'invalid_request',
      `${param} is nested more than ${maximumDepth} levels deep; send a flatter value.`,
      { param, code: 'too_deeply_nested' },
    );
  }
  const param = formatParam(found.path);
  throw new GatewayError(
    'invalid_request',
    `${param} is not allowed: a "${found.path.at(-1) === 'prototype' ? 'constructor.prototype' : '__proto__'}" key could alter the prototype of every object; remove it.`,
    { param, code: 'forbidden_key' },
  );
}

// Rare path: decode with replacement characters to find the first field holding them. A body
// that already held a literal U+FFFD before the bad bytes would name that field instead.
function notUtf8Error(body: Buffer): GatewayError {
  let param: string | undefined;
  try {
    const found = searchJson(JSON.parse(body.toString('utf8')), (value) => {
      if (typeof value === 'string')
        return value.includes(replacementCharacter) ? { finding: true } : undefined;
      if (!isObject(value)) return undefined;
      const key = Object.keys(value).find((name) => name.includes(replacementCharacter));
      return key === undefined ? undefined : { finding: true, keys: [key] };
    });
    if (found && found.path.length > 0) param = formatParam(found.path);
  } catch {
    // not JSON either: the encoding is still the first thing to fix
  }
  const subject = param ?? 'The request body';
  return new GatewayError(
    'invalid_request',
    `${subject} contains bytes that are not valid UTF-8; send the request body encoded as UTF-8.`,
    { ...(param === undefined ? {} : { param }), code: 'invalid_encoding' },
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
