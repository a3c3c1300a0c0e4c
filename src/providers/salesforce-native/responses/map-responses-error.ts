import { type ErrorKind, GatewayError } from '../../../core/errors.ts';
import type { UpstreamErrorReport } from './read-error-body.ts';

// The upstream's wording reaches the client (it explains what to fix), but bounded: an error
// body is not a place for the gateway to echo kilobytes of upstream text.
const maximumMessageLength = 500;

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
export function mapResponsesError(report: UpstreamErrorReport): GatewayError {
  const code = report.code;
  const said = (report.message ?? 'no details given').slice(0, maximumMessageLength);
  const kind = classify(code, said);
  const prefix = code === undefined ? '' : `${code}: `;
  return new GatewayError(kind, `Salesforce's GPT route failed: ${prefix}${said}`, {
    ...(code === undefined ? {} : { code }),
    // a quota that ran out does not come back by retrying
    ...(kind === 'rate_limit' && /quota/i.test(code ?? '') ? { retryable: false } : {}),
    detail: { upstreamError: report },
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
