import { describe, expect, it } from 'vitest';
import { describeNativeError, readNativeErrorBody } from './read-native-error-body.ts';

describe('readNativeErrorBody', () => {
  it.each([
    [
      { errorCode: 'BAD_REQUEST', messageCode: 'x', message: 'Bad input' },
      { code: 'BAD_REQUEST', message: 'Bad input' },
    ],
    [{ errors: [{ message: 'Invalid token' }] }, { message: 'Invalid token' }],
    [
      { error: { type: 'rate_limit_error', message: 'Slow down' } },
      { code: 'rate_limit_error', message: 'Slow down' },
    ],
    [{ error: 'upstream exploded' }, { message: 'upstream exploded' }],
    [[{ errorCode: 'NOT_FOUND', message: 'gone' }], { code: 'NOT_FOUND', message: 'gone' }],
    [{ errorCode: 429 }, { code: '429' }],
    [
      { message: 'boom', statusCode: '503' },
      { message: 'boom', status: 503 },
    ],
  ])('reads %j', (body, expected) => {
    expect(readNativeErrorBody(body)).toEqual(expected);
  });

  it.each([[{}], [{ id: 'x', generation_details: {} }], ['text'], [null], [[]]])(
    'finds no error in %j',
    (body) => {
      expect(readNativeErrorBody(body)).toBeUndefined();
    },
  );

  it('reads every error shape the surface may send', () => {
    expect(
      readNativeErrorBody({ error: { code: 'server_error', message: 'boom', type: 'server_error' } }),
    ).toEqual({
      code: 'server_error',
      message: 'boom',
    });
    expect(readNativeErrorBody({ error: { type: 'invalid_request_error', message: 'bad' } })).toEqual({
      code: 'invalid_request_error',
      message: 'bad',
    });
    expect(readNativeErrorBody({ error: 'Unexpected value' })).toEqual({ message: 'Unexpected value' });
    expect(readNativeErrorBody({ errorCode: 500, messageCode: 'x', message: 'Internal' })).toEqual({
      code: '500',
      message: 'Internal',
    });
    expect(readNativeErrorBody([{ errorCode: 'LIMIT', message: 'Slow down' }])).toEqual({
      code: 'LIMIT',
      message: 'Slow down',
    });
  });

  it('finds nothing in a normal Response or a non-object', () => {
    expect(
      readNativeErrorBody({ id: 'resp_1', status: 'completed', error: null, output: [] }),
    ).toBeUndefined();
    expect(readNativeErrorBody({ errors: [] })).toBeUndefined();
  });
});

describe('describeNativeError', () => {
  it('names the code once, before the message', () => {
    expect(describeNativeError({ code: 'BAD', message: 'nope' })).toBe('BAD: nope');
    expect(describeNativeError({ code: 'BAD', message: 'BAD: nope' })).toBe('BAD: nope');
    expect(describeNativeError({ code: 'BAD' })).toBe('BAD');
    expect(describeNativeError({})).toBe('no details given');
  });

  it('blots out credentials even where the cut would halve them, and drops control characters', () => {
    const jwt = `eyJhbGciOiJSUzI1NiJ9.${'e'.repeat(280)}.c2ln`;
    const said = describeNativeError({
      message: `\u001b[31mBearer abc.def token ${jwt} session 00D5g000004abcd!AQ4AQFa.b_c`,
    });
    expect(said).toBe('[31m[redacted] token [redacted] session [redacted]');
  });
});
