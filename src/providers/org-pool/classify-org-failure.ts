// What the pool does when one org's call fails.
//
// | The failure                                            | Next                                   |
// |--------------------------------------------------------|----------------------------------------|
// | the call's signal aborted (client left, deadline)      | rethrow at once                        |
// | rate_limit                                             | cool the org down (Retry-After), next  |
// | authentication, permission, upstream_auth_failed       | cool the org down (credentials), next  |
// | not_found for the model (model_not_found, native route) | next org, no cooldown                  |
// | upstream_unavailable, upstream_timeout, upstream_error | next org (its breaker counts these)    |
// | anything else (invalid_request, payload_too_large, …)  | rethrow: another org would say the same |
//
// The client's key is checked before the pool, so a refused credential here is the org's own:
// Salesforce's 401 after a token refresh and a refused token request arrive as upstream_error
// with the code upstream_auth_failed.
import { GatewayError } from '../../core/errors.ts';
import { readUpstreamRetryAfter } from '../salesforce/errors.ts';
import { nativeRouteUnavailableCode } from '../salesforce-native/map-native-error.ts';
import type { CooldownReason } from './org-pool-types.ts';

/** What the pool does after an org's call failed. */
export type OrgFailureAction =
  | { action: 'rethrow' }
  | { action: 'next-org' }
  | { action: 'cool-down'; reason: CooldownReason; durationMs: number | undefined };

const rethrow: OrgFailureAction = { action: 'rethrow' };
const nextOrg: OrgFailureAction = { action: 'next-org' };
const credentialsRefused: OrgFailureAction = {
  action: 'cool-down',
  reason: 'credentials',
  durationMs: undefined,
};
const rateLimitedWithoutRetryAfter: OrgFailureAction = {
  action: 'cool-down',
  reason: 'rate_limit',
  durationMs: undefined,
};

const modelMissingCodes = new Set(['model_not_found', nativeRouteUnavailableCode]);

/** Decides whether `error` from one org's call moves the request to another org. */
export function classifyOrgFailure(error: unknown, signal: AbortSignal): OrgFailureAction {
  if (signal.aborted || !(error instanceof GatewayError)) return rethrow;
  switch (error.kind) {
    case 'rate_limit': {
      // Salesforce documents no Retry-After: without its own, the org cools for ORG_COOLDOWN_SECONDS
      const retryAfterSeconds = readUpstreamRetryAfter(error);
      return retryAfterSeconds === undefined
        ? rateLimitedWithoutRetryAfter
        : { action: 'cool-down', reason: 'rate_limit', durationMs: retryAfterSeconds * 1000 };
    }
    case 'authentication':
    case 'permission':
      return credentialsRefused;
    case 'not_found':
      return error.code !== undefined && modelMissingCodes.has(error.code) ? nextOrg : rethrow;
    case 'upstream_error':
      return error.code === 'upstream_auth_failed' ? credentialsRefused : nextOrg;
    case 'upstream_unavailable':
    case 'upstream_timeout':
      return nextOrg;
    default:
      return rethrow;
  }
}
