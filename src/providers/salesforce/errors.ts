import { GatewayError } from '../../core/errors.ts';
import { parseRetryAfter } from '../../transport/retry.ts';
import { parseJsonObject } from './json-body.ts';

/** Retry-After sent to clients on a 429 or 503 when Salesforce gave none (it documents none). */
export const defaultRetryAfterSeconds = 5;

/** Maps a failed Models API response to a gateway error, keeping the upstream wording for the client. */
export function mapUpstreamError(
  status: number,
  headers: Record<string, string | string[] | undefined>,
  body: string,
  now: number,
): GatewayError {
  const said = describeUpstreamBody(body);
  const detail = { upstreamStatus: status, upstreamError: said };
  switch (true) {
    case status === 400:
      return new GatewayError('invalid_request', `Salesforce rejected the request: ${said}`, { detail });
    case status === 401:
      return new GatewayError(
        'upstream_error',
        'Salesforce rejected the access token even after a refresh. Check that the app issues JWT-based access tokens and has the sfap_api scope.',
        { code: 'upstream_auth_failed', retryable: false, detail },
      );
    case status === 403:
      return new GatewayError(
        'permission',
        `Salesforce refused access: ${said}. Check the org's Einstein entitlements and the app's scopes.`,
        { detail },
      );
    case status === 404:
      return new GatewayError(
        'not_found',
        `Salesforce could not route the request (404): the model may not be enabled in this org. ${said}`,
        { code: 'model_not_found', param: 'model', detail },
      );
    case status === 413:
      return new GatewayError('payload_too_large', `Salesforce refused the request as too large: ${said}`, {
        detail,
      });
    case status === 429:
      return new GatewayError('rate_limit', `Salesforce rate limit reached: ${said}`, {
        retryAfterSeconds: parseRetryAfter(headers['retry-after'], now),
        detail,
      });
    case status === 503 || status === 423:
      return new GatewayError('upstream_unavailable', `Salesforce is unavailable (${status}): ${said}`, {
        retryable: true,
        retryAfterSeconds: parseRetryAfter(headers['retry-after'], now),
        detail,
      });
    default:
      return new GatewayError('upstream_error', `Salesforce failed (${status}): ${said}`, {
        retryable: status >= 500,
        detail,
      });
  }
}

// Error bodies come in several shapes: the Models API object, the gateway's {"errors":[…]},
// an HTML page, or nothing at all.
function describeUpstreamBody(body: string): string {
  const parsed = parseJsonObject(body);
  if (parsed) {
    if (typeof parsed.message === 'string') {
      const code = typeof parsed.errorCode === 'string' ? `${parsed.errorCode}: ` : '';
      return `${code}${parsed.message}`;
    }
    const first = Array.isArray(parsed.errors)
      ? (parsed.errors[0] as { message?: unknown } | undefined)
      : undefined;
    if (typeof first?.message === 'string') return first.message;
  }
  if (body.trim() === '') return 'no details given (empty body)';
  return 'no details given (the body was not JSON)';
}
