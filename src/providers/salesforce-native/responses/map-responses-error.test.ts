import { describe, expect, it } from 'vitest';
import { mapResponsesError } from './map-responses-error.ts';
import { readErrorBody } from './read-error-body.ts';

describe('readErrorBody', () => {
  it('reads every error shape the surface may send', () => {
    expect(readErrorBody({ error: { code: 'server_error', message: 'boom', type: 'server_error' } })).toEqual(
      {
        code: 'server_error',
        message: 'boom',
      },
    );
    expect(readErrorBody({ error: { type: 'invalid_request_error', message: 'bad' } })).toEqual({
      code: 'invalid_request_error',
      message: 'bad',
    });
    expect(readErrorBody({ error: 'Unexpected value' })).toEqual({ message: 'Unexpected value' });
    expect(readErrorBody({ errorCode: 500, messageCode: 'x', message: 'Internal' })).toEqual({
      code: '500',
      message: 'Internal',
    });
    expect(readErrorBody({ errors: [{ message: 'Invalid token' }] })).toEqual({ message: 'Invalid token' });
    expect(readErrorBody([{ errorCode: 'LIMIT', message: 'Slow down' }])).toEqual({
      code: 'LIMIT',
      message: 'Slow down',
    });
  });

  it('finds nothing in a normal Response or a non-object', () => {
    expect(readErrorBody({ id: 'resp_1', status: 'completed', error: null, output: [] })).toBeUndefined();
    expect(readErrorBody('text')).toBeUndefined();
    expect(readErrorBody(null)).toBeUndefined();
    expect(readErrorBody({ errors: [] })).toBeUndefined();
  });
});

describe('mapResponsesError', () => {
  it.each([
    ['rate_limit_exceeded', 'rate_limit'],
    ['TOO_MANY_REQUESTS', 'rate_limit'],
    ['429', 'rate_limit'],
    ['insufficient_quota', 'rate_limit'],
    ['request_timeout', 'upstream_timeout'],
    ['server_overloaded', 'upstream_unavailable'],
    ['503', 'upstream_unavailable'],
    ['invalid_prompt', 'invalid_request'],
    ['context_length_exceeded', 'invalid_request'],
    ['image_too_large', 'invalid_request'],
    ['server_error', 'upstream_error'],
  ])('maps code %s to %s', (code, kind) => {
    expect(mapResponsesError({ code, message: 'said' }).kind).toBe(kind);
  });

  it('keeps code and bounded upstream wording; a spent quota is not retryable', () => {
    const error = mapResponsesError({ code: 'insufficient_quota', message: 'x'.repeat(2000) });
    expect(error.code).toBe('insufficient_quota');
    expect(error.retryable).toBe(false);
    expect(error.message.length).toBeLessThan(600);
    expect(mapResponsesError({ code: 'rate_limit_exceeded' }).retryable).toBe(true);
  });

  it('spots a rate limit in the text of an error without a code', () => {
    const error = mapResponsesError({ message: 'Rate limit reached, retry later' });
    expect(error.kind).toBe('rate_limit');
    expect(error.message).toBe("Salesforce's GPT route failed: Rate limit reached, retry later");
    expect(mapResponsesError({}).message).toBe("Salesforce's GPT route failed: no details given");
  });
});
