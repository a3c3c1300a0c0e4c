// What the client hears when the pool has no org left for a request: a model no org lists, every
// org cooling down (a 429 whose Retry-After is the soonest cooldown end), or the last org's error.
import { GatewayError, rebuildGatewayError } from '../../core/errors.ts';
import type { OrgChoice } from './org-router.ts';

/** A choice that named no org. */
export type NoOrgChoice = Extract<OrgChoice, { org: null }>;

/** The error for a request the pool cannot place; `lastError` is the last org's, when one was called. */
export function buildNoOrgLeftError(
  model: string,
  choice: NoOrgChoice,
  lastError: GatewayError | undefined,
): GatewayError {
  if (choice.reason === 'cooling') {
    const retryAfterSeconds = Math.ceil(choice.retryAfterMs / 1000);
    if (lastError === undefined) return coolingDownError(model, retryAfterSeconds);
    if (lastError.kind === 'rate_limit') return withSoonerRetryAfter(lastError, retryAfterSeconds);
    return lastError;
  }
  // Only 'unserved' leaves no error: every 'exhausted' org was called.
  return lastError ?? notServedError(model);
}

function notServedError(model: string): GatewayError {
  return new GatewayError(
    'not_found',
    `No org of the pool serves the model "${model}": none in SALESFORCE_ORGS lists it in its "models". Add it to an org's "models", or drop "models" to let that org serve every model.`,
    { code: 'model_not_served', param: 'model' },
  );
}

function coolingDownError(model: string, retryAfterSeconds: number): GatewayError {
  return new GatewayError(
    'rate_limit',
    `Every org that serves the model "${model}" is cooling down after a rate limit or refused credentials. Retry in ${retryAfterSeconds} s.`,
    { code: 'orgs_cooling_down', retryAfterSeconds },
  );
}

// A rate limit from the last org, while others cool down: the client may retry as soon as the first
// of them (or the last org itself) takes requests again.
function withSoonerRetryAfter(error: GatewayError, retryAfterSeconds: number): GatewayError {
  const soonest = Math.min(error.retryAfterSeconds ?? retryAfterSeconds, retryAfterSeconds);
  return rebuildGatewayError(error, { retryAfterSeconds: soonest });
}
