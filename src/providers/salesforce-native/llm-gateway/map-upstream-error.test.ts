import { describe, expect, it } from 'vitest';
import { mapUpstreamError } from './map-upstream-error.ts';

describe('mapUpstreamError', () => {
  it.each([
    [{ code: 'TOO_MANY_REQUESTS', message: 'slow down' }, 'rate_limit'],
    [{ code: 'RATE_LIMIT_EXCEEDED' }, 'rate_limit'],
    [{ code: 'throttlingException' }, 'rate_limit'],
    [{ code: '429' }, 'rate_limit'],
    [{ code: 'GATEWAY_TIMEOUT' }, 'upstream_timeout'],
    [{ code: 'SERVICE_UNAVAILABLE' }, 'upstream_unavailable'],
    [{ code: 'FORBIDDEN' }, 'permission'],
    [{ code: 'NOT_FOUND' }, 'not_found'],
    [{ message: 'model not available' }, 'not_found'],
    [{ code: 'INVALID_ARGUMENT', message: 'bad' }, 'invalid_request'],
    [{ code: 'INTERNAL_SERVER_ERROR', message: 'Failed to generate a response' }, 'upstream_error'],
    [{ message: 'odd', status: 400 }, 'invalid_request'],
    [{ code: 'SOMETHING', status: 502 }, 'upstream_error'],
  ])('maps %j to %s', (report, kind) => {
    expect(mapUpstreamError(report).kind).toBe(kind);
  });

  it("maps a refused token to a non-retryable upstream error: the client's own key was fine", () => {
    const error = mapUpstreamError({ code: 'UNAUTHORIZED', message: 'Invalid token' });
    expect(error).toMatchObject({ kind: 'upstream_error', code: 'upstream_auth_failed', retryable: false });
  });

  it('keeps the upstream wording, without control characters, shortened', () => {
    const error = mapUpstreamError({
      code: 'BAD_REQUEST',
      message: `line one\n\u001b[31mline two${'x'.repeat(400)}`,
    });
    expect(error.message).toMatch(
      /^Salesforce's LLM gateway reported an error: BAD_REQUEST: line one \[31mline two/,
    );
    expect(error.message).not.toMatch(/\p{Cc}/u);
    expect(error.message.length).toBeLessThan(400);
    expect(mapUpstreamError({}).message).toContain('no details given');
  });

  it('marks rate limits and unavailability retryable', () => {
    expect(mapUpstreamError({ code: 'TOO_MANY_REQUESTS' }).retryable).toBe(true);
    expect(mapUpstreamError({ code: 'SERVICE_UNAVAILABLE' }).retryable).toBe(true);
    expect(mapUpstreamError({ code: 'INVALID_ARGUMENT' }).retryable).toBe(false);
  });

  it('blots out a credential the upstream echoes back', () => {
    const error = mapUpstreamError({
      code: 'UNAUTHORIZED',
      message: 'bad header Bearer eyJhbGc.eyJzdWIi.c2ln',
    });
    expect(error.message).toContain('[redacted]');
    expect(error.message).not.toContain('eyJ');
  });
});
