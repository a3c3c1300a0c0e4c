import { describe, expect, it } from 'vitest';
import { mapUpstreamError } from './errors.ts';

const now = Date.parse('2026-01-01T00:00:00Z');
const badArgument = JSON.stringify({
  errorCode: 'BAD_ARGUMENT',
  messageCode: 'E30020',
  message: 'content must be a string',
});

describe('mapUpstreamError', () => {
  it('keeps the Models API wording for a 400', () => {
    const error = mapUpstreamError(400, {}, badArgument, now);
    expect(error.kind).toBe('invalid_request');
    expect(error.status).toBe(400);
    expect(error.message).toContain('BAD_ARGUMENT: content must be a string');
    expect(error.retryable).toBe(false);
  });

  it('maps a 429 to rate_limit, reading Retry-After seconds or dates', () => {
    const seconds = mapUpstreamError(429, { 'retry-after': '7' }, '{}', now);
    expect(seconds.kind).toBe('rate_limit');
    expect(seconds.retryable).toBe(true);
    expect(seconds.retryAfterSeconds).toBe(7);
    const date = mapUpstreamError(429, { 'retry-after': new Date(now + 12_000).toUTCString() }, '', now);
    expect(date.retryAfterSeconds).toBe(12);
    expect(mapUpstreamError(429, {}, '', now).retryAfterSeconds).toBeUndefined();
  });

  it('makes 500 and 503 retryable, 501 upstream errors too, and survives HTML and empty bodies', () => {
    const html = mapUpstreamError(500, {}, '<html><body>Internal Server Error</body></html>', now);
    expect(html).toMatchObject({ kind: 'upstream_error', status: 502, retryable: true });
    expect(html.message).toContain('not JSON');
    const empty = mapUpstreamError(503, {}, '', now);
    expect(empty).toMatchObject({ kind: 'upstream_unavailable', status: 503, retryable: true });
    expect(empty.message).toContain('empty body');
  });

  it('keeps a 503’s Retry-After, for the retry and for the client', () => {
    const error = mapUpstreamError(503, { 'retry-after': '7' }, '', now);
    expect(error).toMatchObject({ kind: 'upstream_unavailable', retryAfterSeconds: 7, retryable: true });
  });

  it('reads the API gateway error shape', () => {
    const error = mapUpstreamError(401, {}, JSON.stringify({ errors: [{ message: 'Invalid token' }] }), now);
    expect(error).toMatchObject({ kind: 'upstream_error', code: 'upstream_auth_failed', retryable: false });
  });

  it('maps 404 to model_not_found with a hint', () => {
    const error = mapUpstreamError(
      404,
      {},
      JSON.stringify({ errorCode: 'NOT_FOUND', message: 'no such model' }),
      now,
    );
    expect(error).toMatchObject({ kind: 'not_found', status: 404, code: 'model_not_found', param: 'model' });
    expect(error.message).toMatch(/not be enabled in this org/);
  });
});
