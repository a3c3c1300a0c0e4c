import { type ErrorKind, GatewayError } from '../../../core/errors.ts';
import { describeNativeError, type NativeErrorReport } from '../shared/read-native-error-body.ts';
import { safeUpstreamText } from '../shared/safe-upstream-text.ts';

// No error codes are published for this route, so codes are matched by the words they contain.
const kindsByWord: Array<[RegExp, ErrorKind]> = [
  [/rate.?limit|throttl|too.?many.?requests|quota/i, 'rate_limit'],
  [/time.?out|timed.?out/i, 'upstream_timeout'],
  [/unavailable|service.?not.?available|overload/i, 'upstream_unavailable'],
  [/unauthori[sz]ed|authenticat|invalid.?token|expired.?token/i, 'authentication'],
  [/forbidden|permission|access.?denied|not.?entitled/i, 'permission'],
  [/not.?found|no.?such|not.?available/i, 'not_found'],
  [/too.?large|payload/i, 'payload_too_large'],
  [/invalid|bad.?request|validation|malformed|unsupported/i, 'invalid_request'],
];

const kindsByStatus: Record<number, ErrorKind> = {
  400: 'invalid_request',
  401: 'authentication',
  403: 'permission',
  404: 'not_found',
  408: 'upstream_timeout',
  413: 'payload_too_large',
  429: 'rate_limit',
  503: 'upstream_unavailable',
  504: 'upstream_timeout',
};

/** Maps an error the gateway reported (in a 200 body or an `event: error`) to a GatewayError,
 * keeping a safe (cleaned, blotted, shortened) upstream wording in the message. */
export function mapUpstreamError(report: NativeErrorReport): GatewayError {
  const kind = mapKind(report);
  const said = describeNativeError(report);
  const code = report.code === undefined ? undefined : safeUpstreamText(report.code);
  const detail = { upstreamErrorCode: code, upstreamStatus: report.status };
  if (kind === 'authentication') {
    // The client's own key was fine; it is the gateway's upstream token that was refused.
    return new GatewayError('upstream_error', `Salesforce refused the gateway's access token: ${said}`, {
      code: 'upstream_auth_failed',
      retryable: false,
      detail,
    });
  }
  return new GatewayError(kind, `Salesforce's LLM gateway reported an error: ${said}`, { detail });
}

function mapKind(report: NativeErrorReport): ErrorKind {
  const numericCode = Number(report.code);
  const status = report.status ?? (Number.isInteger(numericCode) ? numericCode : undefined);
  if (status !== undefined) return kindsByStatus[status] ?? 'upstream_error';
  // A code is the more deliberate signal, so it is read before the message.
  for (const words of [report.code, report.message]) {
    const match = kindsByWord.find(([pattern]) => words !== undefined && pattern.test(words));
    if (match) return match[1];
  }
  return 'upstream_error';
}
