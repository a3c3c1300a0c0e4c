import { describe, expect, it } from 'vitest';
import { thrownGatewayError } from './decode.fixtures.ts';
import { maximumDepth, parseJsonBody } from './parse-json-body.ts';

function parse(text: string | Buffer) {
  return parseJsonBody(Buffer.isBuffer(text) ? text : Buffer.from(text));
}

function parseError(text: string | Buffer) {
  return thrownGatewayError(() => parse(text));
}

describe('parseJsonBody', () => {
  it('parses a UTF-8 JSON object, tolerating a byte-order mark', () => {
    expect(parse('{"model":"m","text":"Grüße"}')).toEqual({ model: 'm', text: 'Grüße' });
    expect(parse('\ufeff{"a":1}')).toEqual({ a: 1 });
  });

  it('passes a body that is not an object on to the route, however deep', () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    expect(Array.isArray(parse(deep))).toBe(true);
    expect(parse('"text"')).toBe('text');
  });

  it('refuses an empty body and text that is not JSON, saying where when it can', () => {
    expect(parseError('')).toMatchObject({
      status: 400,
      code: 'invalid_json',
      message: expect.stringMatching(/empty/),
    });
    expect(parseError('{"a":1} x').message).toBe(
      'The request body is not valid JSON (at character 8); send one JSON object.',
    );
    expect(parseError('{"a":').message).toBe(
      'The request body is not valid JSON (it ends before the JSON is complete); send one JSON object.',
    );
  });

  it('names the field that holds bytes that are not UTF-8', () => {
    const body = Buffer.concat([
      Buffer.from('{"messages":[{"content":"a'),
      Buffer.from([0xff]),
      Buffer.from('"}]}'),
    ]);
    expect(parseError(body)).toMatchObject({
      param: 'messages[0].content',
      code: 'invalid_encoding',
      message:
        'messages[0].content contains bytes that are not valid UTF-8; send the request body encoded as UTF-8.',
    });
  });

  it('blames the whole body when bytes that are not UTF-8 leave no JSON to point into', () => {
    const error = parseError(Buffer.from([0x7b, 0xff, 0x7d]));
    expect(error.param).toBeUndefined();
    expect(error.message).toMatch(/^The request body contains bytes that are not valid UTF-8/);
  });

  it('refuses __proto__ and constructor.prototype keys wherever they are', () => {
    expect(parseError('{"__proto__":{"x":1}}').param).toBe('__proto__');
    expect(parseError('{"tools":[{"schema":{"__proto__":{}}}]}').param).toBe('tools[0].schema.__proto__');
    expect(parseError('{"a":{"constructor":{"prototype":{}}}}')).toMatchObject({
      param: 'a.constructor.prototype',
      code: 'forbidden_key',
    });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('accepts constructor and prototype keys that cannot reach a prototype', () => {
    const body = '{"properties":{"constructor":{"type":"string"},"prototype":{"type":"string"}}}';
    expect(parse(body)).toEqual(JSON.parse(body));
  });

  it(`accepts ${maximumDepth} levels of nesting and refuses one more, naming where it starts`, () => {
    const nest = (depth: number) => `{"a":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
    expect(parse(nest(maximumDepth))).toBeTruthy();
    const error = parseError(`{"tools":[{"parameters":${'{"p":'.repeat(10_000)}1${'}'.repeat(10_000)}}]}`);
    expect(error).toMatchObject({ param: 'tools[0].parameters.p.p.p', code: 'too_deeply_nested' });
    expect(error.message).toBe(
      `tools[0].parameters.p.p.p is nested more than ${maximumDepth} levels deep; send a flatter value.`,
    );
    expect(parseError(`{"a":${nest(maximumDepth)}}`).code).toBe('too_deeply_nested');
  });
});
