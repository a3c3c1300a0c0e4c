import { describe, expect, it } from 'vitest';
import { mapResponsesError } from './map-responses-error.ts';

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

  it('blots out a credential the upstream echoes back, in the message and the log detail', () => {
    const error = mapResponsesError({
      code: 'invalid_request_error',
      message: 'session 00D5g000004abcd!AQ4AQFa.b_c',
    });
    expect(error.message).toContain('[redacted]');
    expect(JSON.stringify([error.message, error.detail])).not.toContain('00D5g000004abcd');
  });
});
