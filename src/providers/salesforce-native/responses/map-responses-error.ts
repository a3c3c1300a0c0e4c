import { type ErrorKind, GatewayError } from '../../../core/errors.ts';
import { describeNativeError, type NativeErrorReport } from '../shared/read-native-error-body.ts';
import { safeUpstreamText } from '../shared/safe-upstream-text.ts';

// The upstream's wording reaches the client (it explains what to fix), made safe by
// describeNativeError: one short line, credentials blotted out.

// Codes seen in OpenAI's error events and ResponseError, Salesforce errorCode values and bare
// HTTP statuses; matched as words so `rate_limit_exceeded` and `TOO_MANY_REQUESTS` both land.
const kindByCode: Array<[RegExp, ErrorKind]> = [
  [/rate.?limit|too.?many.?requests|throttl|quota|^429$/i, 'rate_limit'],
  [/timeout|timed.?out|^408$|^504$/i, 'upstream_timeout'],
  [/overload|unavailable|capacity|^503$/i, 'upstream_unavailable'],
  [
    /invalid|context.?length|too.?large|too.?small|unsupported|content.?policy|image|^400$/i,
    'invalid_request',
  ],
];

/** Maps an in-band error of the Responses route (error event, failed response, error body) to a gateway error. */
export function mapResponsesError(report: NativeErrorReport): GatewayError {
  const code = report.code === undefined ? undefined : safeUpstreamText(report.code);
  const kind = classify(code, report.message ?? '');
  const said = describeNativeError(report);
  return new GatewayError(kind, `Salesforce's GPT route failed: ${said}`, {
    ...(code === undefined ? {} : { code }),
    // a quota that ran out does not come back by retrying
    ...(kind === 'rate_limit' && /quota/i.test(code ?? '') ? { retryable: false } : {}),
    detail: { upstreamError: said },
  });
}

function classify(code: string | undefined, message: string): ErrorKind {
  if (code !== undefined) {
    for (const [pattern, kind] of kindByCode) if (pattern.test(code)) return kind;
  }
  // some errors carry no code at all; a rate limit is the one worth spotting in the text
  if (/rate limit|too many requests/i.test(message)) return 'rate_limit';
  return 'upstream_error';
}
