import { GatewayError } from '../../core/errors.ts';
import { parseRetryAfter } from '../../transport/retry.ts';
import { describeNativeErrorBody, type NativeErrorBody } from './describe-native-error-body.ts';

/** The code of an error that means the native surface cannot serve this model for this org. */
export const nativeRouteUnavailableCode = 'native_route_unavailable';

// Salesforce's own diagnosis for a bare provider id on the Bedrock route; its status is not given.
const modelNotAvailable = /model (is )?not available/i;

/** Maps a failed native-surface answer (any status, any body; a 2xx here is an error body in
 * place of the answer) to a gateway error whose message is safe to show. */
export function mapNativeError(
  status: number,
  headers: Record<string, string | string[] | undefined>,
  body: string,
  now: number,
): GatewayError {
  const said = describeNativeErrorBody(body);
  const detail = { upstreamStatus: status, upstreamError: said.message };
  const retryAfterSeconds = parseRetryAfter(headers['retry-after'], now);
  const effective = status >= 200 && status < 300 ? statusFromBody(said) : status;
  if (effective === 404 || (modelNotAvailable.test(said.message) && isRefusal(effective))) {
    return new GatewayError(
      'not_found',
      `The Salesforce native surface cannot route this model for this org (${status}): ${said.message}`,
      { code: nativeRouteUnavailableCode, param: 'model', detail },
    );
  }
  const inPlaceOfAnswer = status === effective ? '' : ` (answered ${status} with an error body)`;
  const text = `${said.message}${inPlaceOfAnswer}`;
  switch (effective) {
    case 400:
    case 422:
      return new GatewayError('invalid_request', `Salesforce rejected the request: ${text}`, { detail });
    case 401:
      return new GatewayError(
        'upstream_error',
        'Salesforce rejected the access token on the native surface even after a refresh. Check that the app issues JWT-based access tokens and has the sfap_api scope.',
        { code: 'upstream_auth_failed', retryable: false, detail },
      );
    case 403:
      return new GatewayError('permission', `Salesforce refused access: ${text}`, { detail });
    case 408:
    case 504:
      return new GatewayError('upstream_timeout', `Salesforce timed out: ${text}`, { detail });
    case 413:
      return new GatewayError('payload_too_large', `Salesforce refused the request as too large: ${text}`, {
        detail,
      });
    case 429:
      return new GatewayError('rate_limit', `Salesforce rate limit reached: ${text}`, {
        retryAfterSeconds,
        detail,
      });
    case 423:
    case 503:
    case 529:
      return new GatewayError('upstream_unavailable', `Salesforce is unavailable (${status}): ${text}`, {
        retryable: true,
        retryAfterSeconds,
        detail,
      });
    default:
      return new GatewayError('upstream_error', `Salesforce failed (${status}): ${text}`, {
        retryable: effective >= 500,
        detail,
      });
  }
}

function isRefusal(status: number): boolean {
  return status >= 400 && status < 500 && status !== 401 && status !== 429;
}

// A 200 that carries an error instead of the answer (seen under load on the streaming route):
// its type or wording says what went wrong; anything unrecognised is a transient failure.
function statusFromBody(said: NativeErrorBody): number {
  return statusFromWording(`${said.type} ${said.message}`);
}

/** The status an error's wording stands for, when its real status is unknown (a 200 in place of the answer); 502 when it says nothing recognisable. */
export function statusFromWording(clue: string): number {
  if (/rate.?limit|throttl|too many requests/i.test(clue)) return 429;
  if (/overloaded|unavailable/i.test(clue) && !modelNotAvailable.test(clue)) return 503;
  if (/timeout|timed out/i.test(clue)) return 504;
  if (modelNotAvailable.test(clue)) return 404;
  if (/invalid|validation/i.test(clue)) return 400;
  return 502;
}
