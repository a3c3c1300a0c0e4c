import { describe, expect, it } from 'vitest';
import { mapNativeError, nativeRouteUnavailableCode } from './map-native-error.ts';

const now = Date.UTC(2026, 0, 1);
const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIwMDUifQ.c2lnbmF0dXJl';

// [what, status, body, expected kind, expected status, expected message part]
const shapes: Array<[string, number, string, string, number, string]> = [
  [
    'the Models API error object',
    400,
    '{"errorCode":"INVALID_INPUT","messageCode":"x","message":"prompt too long"}',
    'invalid_request',
    400,
    'INVALID_INPUT: prompt too long',
  ],
  [
    'the gateway errors list',
    403,
    '{"errors":[{"message":"Invalid token"}]}',
    'permission',
    403,
    'Invalid token',
  ],
  [
    'an Anthropic error',
    400,
    '{"type":"error","error":{"type":"invalid_request_error","message":"thinking.type.enabled is not supported"}}',
    'invalid_request',
    400,
    'invalid_request_error: thinking.type.enabled is not supported',
  ],
  [
    'an OpenAI error',
    400,
    '{"error":{"message":"Unexpected value \'max\'","type":"invalid_request_error","param":"reasoning.effort","code":null}}',
    'invalid_request',
    400,
    "Unexpected value 'max'",
  ],
  ['an AWS message', 503, '{"Message":"Service busy"}', 'upstream_unavailable', 503, 'Service busy'],
  [
    'plain text',
    502,
    'No user context has been created!',
    'upstream_error',
    502,
    'No user context has been created!',
  ],
  ['an empty body', 500, '', 'upstream_error', 502, 'no details given (empty body)'],
  ['an HTML page', 502, '<html><body>Bad gateway</body></html>', 'upstream_error', 502, 'an HTML page'],
  ['unrecognised JSON', 500, '{"oops":true}', 'upstream_error', 502, 'unrecognised JSON'],
  [
    'a JSON array of errors',
    400,
    '[{"errorCode":"BAD","message":"nope"}]',
    'invalid_request',
    400,
    'BAD: nope',
  ],
  ['a 429 of any shape', 429, '{"message":"slow down"}', 'rate_limit', 429, 'slow down'],
  ['a 423', 423, '', 'upstream_unavailable', 503, 'unavailable (423)'],
  ['a 408', 408, 'timeout', 'upstream_timeout', 504, 'timed out'],
  ['a 413', 413, '', 'payload_too_large', 413, 'too large'],
  [
    'a 401 after the refresh',
    401,
    '{"errors":[{"message":"Invalid token"}]}',
    'upstream_error',
    502,
    'sfap_api',
  ],
];

describe('mapNativeError: every body shape on any status', () => {
  for (const [what, status, body, kind, mappedStatus, message] of shapes) {
    it(`reads ${what} (${status})`, () => {
      const error = mapNativeError(status, {}, body, now);
      expect(error).toMatchObject({ kind, status: mappedStatus });
      expect(error.message).toContain(message);
      expect(error.code).not.toBe(nativeRouteUnavailableCode);
    });
  }
});

describe('mapNativeError: not routable', () => {
  it('calls a 404 of any body not routable, naming the model parameter', () => {
    for (const body of ['', '{"errors":[{"message":"Not Found"}]}', 'no route']) {
      expect(mapNativeError(404, {}, body, now)).toMatchObject({
        kind: 'not_found',
        code: nativeRouteUnavailableCode,
        param: 'model',
        retryable: false,
      });
    }
  });

  it('calls "model not available" not routable on a refusal status, and on a 200', () => {
    for (const status of [400, 403, 200]) {
      expect(mapNativeError(status, {}, '{"message":"model not available"}', now).code).toBe(
        nativeRouteUnavailableCode,
      );
    }
  });

  it('never calls a rate limit or another validation error not routable', () => {
    expect(mapNativeError(429, {}, '{"message":"model not available"}', now).kind).toBe('rate_limit');
    expect(mapNativeError(400, {}, '{"message":"max_tokens: required"}', now).code).toBeUndefined();
  });
});

describe('mapNativeError: retries and Retry-After', () => {
  it('makes 429, 423, 5xx retryable and 4xx not', () => {
    for (const status of [429, 423, 500, 502, 503, 504, 529]) {
      expect(mapNativeError(status, {}, '', now).retryable, String(status)).toBe(true);
    }
    for (const status of [400, 401, 403, 404, 413, 422]) {
      expect(mapNativeError(status, {}, '', now).retryable, String(status)).toBe(false);
    }
  });

  it('keeps a Retry-After in seconds or as an HTTP date', () => {
    expect(mapNativeError(429, { 'retry-after': '7' }, '', now).retryAfterSeconds).toBe(7);
    const inTen = new Date(now + 10_000).toUTCString();
    expect(mapNativeError(503, { 'retry-after': inTen }, '', now).retryAfterSeconds).toBe(10);
  });
});

describe('mapNativeError: a 200 carrying an error instead of the answer', () => {
  const cases: Array<[string, string, boolean]> = [
    ['{"message":"Too many requests, please wait"}', 'rate_limit', true],
    [
      '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
      'upstream_unavailable',
      true,
    ],
    ['{"__type":"validationException","message":"bad input"}', 'invalid_request', false],
    ['something went wrong', 'upstream_error', true],
  ];
  for (const [body, kind, retryable] of cases) {
    it(`reads ${body} as ${kind}`, () => {
      const error = mapNativeError(200, {}, body, now);
      expect(error).toMatchObject({ kind, retryable });
      expect(error.message).toContain('answered 200 with an error body');
    });
  }
});

describe('mapNativeError: safe messages', () => {
  it('never echoes a bearer token, a JWT or a session id', () => {
    const bodies = [
      `{"message":"bad header Authorization: Bearer ${jwt}"}`,
      `token ${jwt} expired`,
      '{"errors":[{"message":"session 00D5g000004abcd!AQ4AQFa.b_c is invalid"}]}',
    ];
    for (const body of bodies) {
      const error = mapNativeError(401, {}, body, now);
      const shown = mapNativeError(400, {}, body, now);
      for (const text of [error.message, shown.message, JSON.stringify(shown.detail)]) {
        expect(text).not.toContain('eyJ');
        expect(text).not.toContain('00D5g000004abcd');
      }
      expect(shown.message).toContain('[redacted]');
    }
  });

  it('shortens a long text body to one line', () => {
    const error = mapNativeError(500, {}, `line\n${'x'.repeat(1000)}`, now);
    expect(error.message.length).toBeLessThan(400);
    expect(error.message).not.toContain('\n');
  });
});
