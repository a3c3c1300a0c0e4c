import { describe, expect, it } from 'vitest';
import { type ErrorKind, GatewayError } from '../../core/errors.ts';
import { encodeError } from './errors.ts';

describe('encodeError', () => {
  it('encodes a validation error with its param and code', () => {
    const error = new GatewayError('invalid_request', 'temperature must be at most 2; got 3.', {
      param: 'temperature',
      code: 'invalid_value',
    });
    expect(encodeError(error)).toEqual({
      status: 400,
      headers: {},
      body: {
        error: {
          message: 'temperature must be at most 2; got 3.',
          type: 'invalid_request_error',
          param: 'temperature',
          code: 'invalid_value',
        },
      },
    });
  });

  it('always carries all four keys, with null param and code when unknown', () => {
    const { body } = encodeError(new GatewayError('permission', 'No access.'));
    expect(body).toEqual({
      error: { message: 'No access.', type: 'permission_error', param: null, code: null },
    });
  });

  it.each<[ErrorKind, number, string]>([
    ['invalid_request', 400, 'invalid_request_error'],
    ['authentication', 401, 'authentication_error'],
    ['permission', 403, 'permission_error'],
    ['not_found', 404, 'invalid_request_error'],
    ['payload_too_large', 413, 'invalid_request_error'],
    ['rate_limit', 429, 'rate_limit_error'],
    ['upstream_timeout', 504, 'server_error'],
    ['upstream_unavailable', 503, 'server_error'],
    ['upstream_error', 502, 'server_error'],
    ['internal', 500, 'server_error'],
  ])('maps %s to %i %s', (kind, status, type) => {
    const encoded = encodeError(new GatewayError(kind, 'x'));
    expect(encoded.status).toBe(status);
    expect(encoded.body.error.type).toBe(type);
  });

  it('keeps model_not_found on a 404', () => {
    const encoded = encodeError(
      new GatewayError('not_found', 'No such model.', { code: 'model_not_found', param: 'model' }),
    );
    expect(encoded.body.error).toMatchObject({
      type: 'invalid_request_error',
      code: 'model_not_found',
      param: 'model',
    });
  });

  it('sends retry-after (whole seconds, rounded up) and retry-after-ms for a rate limit', () => {
    const encoded = encodeError(new GatewayError('rate_limit', 'Slow down.', { retryAfterSeconds: 2.5 }));
    expect(encoded.headers).toEqual({ 'retry-after': '3', 'retry-after-ms': '2500' });
  });

  it('tells SDKs not to retry a 5xx that would fail the same way again', () => {
    expect(encodeError(new GatewayError('upstream_error', 'Bad upstream answer.')).headers).toEqual({
      'x-should-retry': 'false',
    });
    expect(encodeError(new GatewayError('internal', 'Bug.')).headers).toEqual({ 'x-should-retry': 'false' });
  });

  it('leaves retry decisions to the SDK for retryable failures and for 4xx it never retries', () => {
    expect(encodeError(new GatewayError('upstream_unavailable', 'Down.')).headers).toEqual({});
    expect(encodeError(new GatewayError('upstream_timeout', 'Slow.')).headers).toEqual({});
    expect(encodeError(new GatewayError('invalid_request', 'Bad.')).headers).toEqual({});
  });

  it('uses server_error for any 5xx status override', () => {
    const encoded = encodeError(new GatewayError('upstream_unavailable', 'Gateway down.', { status: 502 }));
    expect(encoded.status).toBe(502);
    expect(encoded.body.error.type).toBe('server_error');
  });
});
