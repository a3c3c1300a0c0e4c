import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../core/errors.ts';
import { withClientRetryAfter } from '../salesforce/errors.ts';
import { classifyOrgFailure, type OrgFailureAction } from './classify-org-failure.ts';

const live = new AbortController().signal;

const cases: Array<[string, unknown, OrgFailureAction]> = [
  [
    '429 with Retry-After',
    new GatewayError('rate_limit', 'slow down', { retryAfterSeconds: 12 }),
    { action: 'cool-down', reason: 'rate_limit', durationMs: 12_000 },
  ],
  [
    '429 without Retry-After',
    new GatewayError('rate_limit', 'slow down'),
    { action: 'cool-down', reason: 'rate_limit', durationMs: undefined },
  ],
  [
    "429 carrying only the gateway's default Retry-After for its client",
    withClientRetryAfter(new GatewayError('rate_limit', 'slow down', { status: 429 })),
    { action: 'cool-down', reason: 'rate_limit', durationMs: undefined },
  ],
  [
    'authentication',
    new GatewayError('authentication', 'who are you'),
    { action: 'cool-down', reason: 'credentials', durationMs: undefined },
  ],
  [
    'permission',
    new GatewayError('permission', 'not entitled'),
    { action: 'cool-down', reason: 'credentials', durationMs: undefined },
  ],
  [
    "the org's token refused",
    new GatewayError('upstream_error', 'token refused', { code: 'upstream_auth_failed' }),
    { action: 'cool-down', reason: 'credentials', durationMs: undefined },
  ],
  [
    'Models API 404 for the model',
    new GatewayError('not_found', 'no such model', { code: 'model_not_found' }),
    { action: 'next-org' },
  ],
  [
    'native surface cannot route the model',
    new GatewayError('not_found', 'no route', { code: 'native_route_unavailable' }),
    { action: 'next-org' },
  ],
  [
    'not_found that is not about the model',
    new GatewayError('not_found', 'no embeddings', { code: 'unsupported_endpoint' }),
    { action: 'rethrow' },
  ],
  [
    'circuit open',
    new GatewayError('upstream_unavailable', 'paused', { code: 'upstream_circuit_open' }),
    { action: 'next-org' },
  ],
  ['upstream timeout', new GatewayError('upstream_timeout', 'slow'), { action: 'next-org' }],
  ['upstream error', new GatewayError('upstream_error', 'broke'), { action: 'next-org' }],
  ['invalid request', new GatewayError('invalid_request', 'bad'), { action: 'rethrow' }],
  ['payload too large', new GatewayError('payload_too_large', 'big'), { action: 'rethrow' }],
  ['internal', new GatewayError('internal', 'bug'), { action: 'rethrow' }],
  ['a foreign error', new TypeError('bug'), { action: 'rethrow' }],
];

describe('classifyOrgFailure', () => {
  it.each(cases)('%s', (_name, error, expected) => {
    expect(classifyOrgFailure(error, live)).toEqual(expected);
  });

  it('rethrows anything once the call was aborted, even a rate limit', () => {
    const aborted = AbortSignal.abort();
    expect(classifyOrgFailure(new GatewayError('rate_limit', 'slow down'), aborted)).toEqual({
      action: 'rethrow',
    });
    expect(classifyOrgFailure(new GatewayError('upstream_timeout', 'deadline'), aborted)).toEqual({
      action: 'rethrow',
    });
  });
});
