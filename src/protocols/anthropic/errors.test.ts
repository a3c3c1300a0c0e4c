import { describe, expect, it } from 'vitest';
import { type ErrorKind, GatewayError } from '../../core/errors.ts';
import { encodeError } from './errors.ts';

describe('encodeError', () => {
  it.each([
    ['invalid_request', undefined, 400, 'invalid_request_error'],
    ['authentication', undefined, 401, 'authentication_error'],
    ['permission', undefined, 403, 'permission_error'],
    ['not_found', undefined, 404, 'not_found_error'],
    ['payload_too_large', undefined, 413, 'request_too_large'],
    ['invalid_request', 415, 415, 'invalid_request_error'],
    ['rate_limit', undefined, 429, 'rate_limit_error'],
    ['internal', undefined, 500, 'api_error'],
    ['upstream_error', undefined, 502, 'api_error'],
    ['upstream_unavailable', 502, 502, 'api_error'],
    ['upstream_unavailable', undefined, 529, 'overloaded_error'],
    ['upstream_timeout', undefined, 504, 'timeout_error'],
  ] as const)('maps %s (status %s) to %i %s', (kind, status, expectedStatus, type) => {
    const error = new GatewayError(kind as ErrorKind, 'Something happened.', status ? { status } : {});
    const encoded = encodeError(error, 'req_42');
    expect(encoded.status).toBe(expectedStatus);
    expect(encoded.body).toEqual({
      type: 'error',
      error: { type, message: 'Something happened.' },
      request_id: 'req_42',
    });
  });

  it('keeps the message verbatim, so Claude Code can recognise "prompt is too long"', () => {
    const error = new GatewayError('invalid_request', 'prompt is too long: 250000 tokens > 200000 maximum');
    expect(encodeError(error).body.error.message).toBe('prompt is too long: 250000 tokens > 200000 maximum');
  });

  it('sends retry-after with a rate limit', () => {
    const error = new GatewayError('rate_limit', 'Slow down.', { retryAfterSeconds: 2.5 });
    expect(encodeError(error).headers).toEqual({ 'retry-after': '3', 'retry-after-ms': '2500' });
  });

  it('tells SDKs not to retry a server error that would fail the same way', () => {
    expect(encodeError(new GatewayError('internal', 'Bug.')).headers).toEqual({ 'x-should-retry': 'false' });
    expect(encodeError(new GatewayError('upstream_unavailable', 'Busy.')).headers).toEqual({});
  });

  it('leaves request_id out when there is none', () => {
    expect(encodeError(new GatewayError('invalid_request', 'Bad.')).body).not.toHaveProperty('request_id');
  });
});
