import { describe, expect, it } from 'vitest';
import type { GatewayError } from '../../core/errors.ts';
import {
  defaultRetryAfterSeconds,
  isTokenRejection,
  mapUpstreamError,
  maxUpstreamMessageLength,
  readUpstreamError,
  readUpstreamRequestId,
  withClientRetryAfter,
  withDetail,
} from './errors.ts';

const now = Date.parse('2026-01-01T00:00:00Z');
const spec = (errorCode: string, message: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ errorCode, messageCode: 'EXXXXX', message, ...extra });
const badArgument = JSON.stringify({
  errorCode: 'BAD_ARGUMENT',
  messageCode: 'E30020',
  message: 'content must be a string',
});

describe('mapUpstreamError by status', () => {
  it.each([
    // status, body, kind, client status, retryable, code
    [400, badArgument, 'invalid_request', 400, false, undefined],
    [
      401,
      JSON.stringify({ errors: [{ message: 'Invalid token' }] }),
      'upstream_error',
      502,
      false,
      'upstream_auth_failed',
    ],
    [
      403,
      spec('NOT_FOUND', 'User forbidden from accessing the resource'),
      'permission',
      403,
      false,
      undefined,
    ],
    [404, spec('NOT_FOUND', 'Resource not found'), 'not_found', 404, false, 'model_not_found'],
    [413, '', 'payload_too_large', 413, false, undefined],
    [
      423,
      spec('NOT_FOUND', 'Server is busy and cannot process the request at this time'),
      'upstream_unavailable',
      503,
      true,
      undefined,
    ],
    [
      429,
      spec('LIMIT_EXCEEDED', 'Too many requests for the server to handle'),
      'rate_limit',
      429,
      true,
      undefined,
    ],
    [500, spec('INTERNAL_ERROR', 'Internal server error'), 'upstream_error', 502, true, undefined],
    [501, '', 'upstream_error', 502, true, undefined],
    [503, spec('INTERNAL_ERROR', 'Service is unavailable'), 'upstream_unavailable', 503, true, undefined],
    [418, '', 'upstream_error', 502, false, undefined],
  ] as const)('%i %s -> %s', (status, body, kind, clientStatus, retryable, code) => {
    const error = mapUpstreamError(status, {}, body, now);
    expect(error).toMatchObject({ kind, status: clientStatus, retryable, code });
    expect(error.detail).toMatchObject({ upstreamStatus: status });
  });

  it('keeps the Models API wording and codes', () => {
    const error = mapUpstreamError(400, {}, badArgument, now);
    expect(error.message).toContain('BAD_ARGUMENT: content must be a string');
    expect(error.detail).toMatchObject({ upstreamErrorCode: 'BAD_ARGUMENT', upstreamMessageCode: 'E30020' });
  });

  it('maps an empty 404 (a token Salesforce cannot read) to upstream_auth_failed, not to the model', () => {
    for (const body of ['', ' \n']) {
      const error = mapUpstreamError(404, {}, body, now);
      expect(error).toMatchObject({
        kind: 'upstream_error',
        status: 502,
        code: 'upstream_auth_failed',
        retryable: false,
      });
      expect(error.message).toMatch(/JWT-based access tokens and has the sfap_api scope/);
    }
  });

  it('maps 404 to model_not_found with a hint', () => {
    const error = mapUpstreamError(404, {}, spec('NOT_FOUND', 'no such model'), now);
    expect(error).toMatchObject({ param: 'model' });
    expect(error.message).toMatch(/not be enabled in this org/);
  });
});

describe('mapUpstreamError: the spec errorCode refines the status', () => {
  it.each([
    // status, errorCode, kind, client status, retryable, code
    [401, 'INVALID_AUTH', 'upstream_error', 502, false, 'upstream_auth_failed'],
    [403, 'INVALID_AUTH', 'upstream_error', 502, false, 'upstream_auth_failed'],
    [429, 'LIMIT_EXCEEDED', 'rate_limit', 429, true, undefined],
    [503, 'LIMIT_EXCEEDED', 'rate_limit', 429, true, undefined],
    [423, 'LIMIT_EXCEEDED', 'rate_limit', 429, true, undefined],
    [400, 'LIMIT_EXCEEDED', 'invalid_request', 400, false, undefined],
    [413, 'LIMIT_EXCEEDED', 'payload_too_large', 413, false, undefined],
    [400, 'REQUIRED_FIELD_MISSING', 'invalid_request', 400, false, 'upstream_request_invalid'],
    [500, 'REQUIRED_FIELD_MISSING', 'upstream_error', 502, true, undefined],
    [403, 'NOT_FOUND', 'permission', 403, false, undefined],
    [423, 'NOT_FOUND', 'upstream_unavailable', 503, true, undefined],
    [503, 'INTERNAL_ERROR', 'upstream_unavailable', 503, true, undefined],
    [400, 'BAD_ARGUMENT', 'invalid_request', 400, false, undefined],
    [400, 'SOMETHING_NEW', 'invalid_request', 400, false, undefined],
  ] as const)('%i %s -> %s', (status, errorCode, kind, clientStatus, retryable, code) => {
    const error = mapUpstreamError(status, {}, spec(errorCode, 'said'), now);
    expect(error).toMatchObject({ kind, status: clientStatus, retryable, code });
    expect(error.detail).toMatchObject({ upstreamStatus: status, upstreamErrorCode: errorCode });
  });

  it('says a missing field is the gateway’s fault and names the field', () => {
    const body = spec('REQUIRED_FIELD_MISSING', 'Field is required', {
      targets: [{ type: 'FIELD', reference: "$['messages'][0]['role']" }],
    });
    const error = mapUpstreamError(400, {}, body, now);
    expect(error.message).toContain("($['messages'][0]['role'])");
    expect(error.message).toMatch(/request the gateway built/);
    expect(error.message).toMatch(/not a mistake in your request/);
  });

  it('never blames the client’s key for INVALID_AUTH', () => {
    const error = mapUpstreamError(
      401,
      {},
      spec('INVALID_AUTH', 'Access bearer token is missing or invalid'),
      now,
    );
    expect(error.status).not.toBe(401);
    expect(error.message).toMatch(/JWT-based access tokens/);
  });
});

describe('Retry-After on retryable statuses', () => {
  it.each([429, 423, 503])('%i reads Retry-After seconds and dates, and none', (status) => {
    expect(mapUpstreamError(status, { 'retry-after': '7' }, '', now).retryAfterSeconds).toBe(7);
    const date = new Date(now + 12_000).toUTCString();
    expect(mapUpstreamError(status, { 'retry-after': date }, '', now).retryAfterSeconds).toBe(12);
    expect(mapUpstreamError(status, {}, '', now).retryAfterSeconds).toBeUndefined();
  });

  it.each([
    [mapUpstreamError(423, {}, '', now), defaultRetryAfterSeconds],
    [mapUpstreamError(429, {}, '', now), defaultRetryAfterSeconds],
    [mapUpstreamError(503, { 'retry-after': '9' }, '', now), 9],
    [mapUpstreamError(500, {}, '', now), undefined],
  ])('gives the client a Retry-After for a 429 or 503 that survived (%#)', (error, expected) => {
    expect((withClientRetryAfter(error) as GatewayError).retryAfterSeconds).toBe(expected);
  });
});

describe('x-request-id', () => {
  const id = '51633d74-bdd1-42b0-9ea6-518eb9346d18';
  it.each([
    [{ 'x-request-id': id }, id],
    [{ 'x-request-id': [id, 'other'] }, id],
    [{ 'x-request-id': ` ${id} ` }, id],
    [{ 'x-request-id': 'a b\nforged log line' }, undefined],
    [{ 'x-request-id': 'x'.repeat(129) }, undefined],
    [{ 'x-request-id': '' }, undefined],
    [{}, undefined],
  ])('reads %j as %s', (headers, expected) => {
    expect(readUpstreamRequestId(headers)).toBe(expected);
  });

  it('is kept in the detail of every mapped failure, not in the message', () => {
    for (const status of [400, 401, 404, 423, 429, 500, 503]) {
      const error = mapUpstreamError(status, { 'x-request-id': id }, '', now);
      expect(error.detail?.upstreamRequestId).toBe(id);
      expect(error.message).not.toContain(id);
    }
  });

  it('withDetail adds to the detail and keeps everything else', () => {
    const error = mapUpstreamError(429, { 'retry-after': '3' }, '', now);
    const copy = withDetail(error, { upstreamRequestId: id });
    expect(copy).toMatchObject({
      kind: 'rate_limit',
      retryAfterSeconds: 3,
      retryable: true,
      message: error.message,
    });
    expect(copy.detail).toEqual({ ...error.detail, upstreamRequestId: id });
  });
});

describe('isTokenRejection', () => {
  it.each([
    [401, '', true],
    [401, spec('INVALID_AUTH', 'Access bearer token is missing or invalid'), true],
    [403, spec('INVALID_AUTH', 'token expired'), true],
    [404, '', true],
    [404, '  \n', true],
    [404, spec('NOT_FOUND', 'Resource not found'), false],
    [403, spec('NOT_FOUND', 'User forbidden'), false],
    [400, spec('BAD_ARGUMENT', 'mentions INVALID_AUTH in its text'), false],
    [429, '', false],
  ])('%i %s -> %s', (status, body, expected) => {
    expect(isTokenRejection(status, body)).toBe(expected);
  });
});

describe('readUpstreamError', () => {
  it.each([
    ['', { text: 'no details given (empty body)' }],
    ['<html><body>Internal Server Error</body></html>', { text: 'no details given (the body was not JSON)' }],
    ['[1,2]', { text: 'no details given (the body was not JSON)' }],
    [JSON.stringify({ errors: [{ message: 'Invalid token' }] }), { text: 'Invalid token' }],
    [
      JSON.stringify({ errorCode: 'LIMIT_EXCEEDED' }),
      { text: 'LIMIT_EXCEEDED', errorCode: 'LIMIT_EXCEEDED' },
    ],
    [JSON.stringify({ errorCode: 'x y<script>', message: 'm' }), { text: 'm' }],
    [
      JSON.stringify({ errorCode: 'A', message: 'line one\n\u001b[31mline two' }),
      { text: 'A: line one [31mline two', errorCode: 'A' },
    ],
  ])('%s', (body, expected) => {
    expect(readUpstreamError(body)).toEqual(expected);
  });

  it('cuts overlong upstream wording', () => {
    const said = readUpstreamError(JSON.stringify({ message: 'x'.repeat(5000) }));
    expect(said.text.length).toBe(maxUpstreamMessageLength + 1);
  });
});
