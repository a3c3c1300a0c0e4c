// Models API failure policy (reference section 5). The HTTP status decides first: the spec's own
// examples reuse NOT_FOUND for 403 and 423, so an errorCode alone is not trusted. A code from the
// second table then refines the answer where its meaning does not depend on the status.
//
// | Status     | Kind                 | Gateway retries                       | Client sees              |
// |------------|----------------------|---------------------------------------|--------------------------|
// | 400        | invalid_request      | no                                    | 400, Salesforce's words  |
// | 401        | authentication       | once, at once, with a new token       | 502 upstream_auth_failed |
// | 403        | permission           | no                                    | 403 + entitlement hint   |
// | 404        | not_found            | no                                    | 404 model_not_found      |
// | 404, empty | authentication       | once, at once, with a new token       | 502 upstream_auth_failed |
// | 413        | payload_too_large    | no                                    | 413                      |
// | 423 (ServerBusyError), 503 | upstream_unavailable | backoff, Retry-After honoured | 503 + Retry-After |
// | 429        | rate_limit           | backoff, Retry-After honoured         | 429 + Retry-After        |
// | other 5xx  | upstream_error       | backoff                               | 502                      |
// | other      | upstream_error       | no                                    | 502                      |
//
// | errorCode              | Refines when status is | Kind            | Message says                       |
// |------------------------|------------------------|-----------------|------------------------------------|
// | INVALID_AUTH           | any                    | authentication  | the gateway's token was refused    |
// | LIMIT_EXCEEDED         | 429, 423 or 5xx        | rate_limit      | Salesforce's rate limit            |
// | REQUIRED_FIELD_MISSING | 4xx                    | invalid_request | the gateway built a bad request    |
// | NOT_FOUND, INTERNAL_ERROR, BAD_ARGUMENT, others | — | status decides | Salesforce's words         |
//
// `authentication` is the gateway's own credential (the client's key was fine), so it reaches the
// client as 502 upstream_auth_failed, never as a 401 that would blame the client's key. An empty
// 404 is how Salesforce's API gateway refuses a token it cannot read (not a JWT, or no sfap_api);
// a missing model gets the spec's error object, so only that one says the model is at fault. A
// LIMIT_EXCEEDED on a 400 or 413 is a size limit that waiting cannot fix, so the status decides.
import { GatewayError, rebuildGatewayError } from '../../core/errors.ts';
import { parseRetryAfter } from '../../transport/retry.ts';
import { parseJsonObject } from './json-body.ts';

/** Retry-After sent to clients on a 429 or 503 when Salesforce gave none (it documents none). */
export const defaultRetryAfterSeconds = 5;

/** Longest upstream wording put into a client message; the rest is cut. */
export const maxUpstreamMessageLength = 300;

/** What a Models API error body said, cleaned for clients and logs. */
export interface UpstreamErrorReport {
  text: string;
  errorCode?: string;
  messageCode?: string;
  /** `targets[].reference` of the first FIELD target: the request field at fault. */
  field?: string;
}

type Failure = {
  status: number;
  /** Nothing but white space came back: a rejection before the Models service itself. */
  bodyEmpty: boolean;
  said: UpstreamErrorReport;
  retryAfterSeconds: number | undefined;
  detail: Record<string, unknown>;
};
type Build = (failure: Failure) => GatewayError;

const unavailable: Build = ({ status, said, retryAfterSeconds, detail }) =>
  new GatewayError('upstream_unavailable', `Salesforce is unavailable (${status}): ${said.text}`, {
    retryable: true,
    retryAfterSeconds,
    detail,
  });

const rateLimited: Build = ({ said, retryAfterSeconds, detail }) =>
  new GatewayError('rate_limit', `Salesforce rate limit reached: ${said.text}`, {
    retryAfterSeconds,
    detail,
  });

const tokenRefused: Build = ({ detail }) =>
  new GatewayError(
    'upstream_error',
    'Salesforce rejected the access token even after a refresh. Check that the app issues JWT-based access tokens and has the sfap_api scope.',
    { code: 'upstream_auth_failed', retryable: false, detail },
  );

const unreadableToken: Build = ({ detail }) =>
  new GatewayError(
    'upstream_error',
    'Salesforce answered 404 with an empty body even to a fresh access token, which is how it refuses a token it cannot read. Check that the app issues JWT-based access tokens and has the sfap_api scope.',
    { code: 'upstream_auth_failed', retryable: false, detail },
  );

const modelNotFound: Build = ({ said, detail }) =>
  new GatewayError(
    'not_found',
    `Salesforce could not route the request (404): the model may not be enabled in this org. ${said.text}`,
    { code: 'model_not_found', param: 'model', detail },
  );

const byStatus: Record<number, Build> = {
  400: ({ said, detail }) =>
    new GatewayError('invalid_request', `Salesforce rejected the request: ${said.text}`, { detail }),
  401: tokenRefused,
  403: ({ said, detail }) =>
    new GatewayError(
      'permission',
      `Salesforce refused access: ${said.text}. Check the org's Einstein entitlements and the app's scopes.`,
      { detail },
    ),
  404: (failure) => (failure.bodyEmpty ? unreadableToken(failure) : modelNotFound(failure)),
  413: ({ said, detail }) =>
    new GatewayError('payload_too_large', `Salesforce refused the request as too large: ${said.text}`, {
      detail,
    }),
  423: unavailable,
  429: rateLimited,
  503: unavailable,
};

const otherStatus: Build = ({ status, said, detail }) =>
  new GatewayError('upstream_error', `Salesforce failed (${status}): ${said.text}`, {
    retryable: status >= 500,
    detail,
  });

const isClientRefusal = (status: number) => status >= 400 && status < 500 && status !== 429 && status !== 423;

const byErrorCode: Record<string, { refines: (status: number) => boolean; build: Build }> = {
  INVALID_AUTH: { refines: () => true, build: tokenRefused },
  LIMIT_EXCEEDED: { refines: (status) => !isClientRefusal(status), build: rateLimited },
  REQUIRED_FIELD_MISSING: {
    refines: (status) => status >= 400 && status < 500,
    build: ({ said, detail }) =>
      new GatewayError(
        'invalid_request',
        `Salesforce says the request the gateway built for it lacks a required field${said.field ? ` (${said.field})` : ''}: ${said.text}. This is a gateway defect, not a mistake in your request; please report it.`,
        { code: 'upstream_request_invalid', detail },
      ),
  },
};

/** Maps a failed Models API response to a gateway error, keeping the upstream wording for the client. */
export function mapUpstreamError(
  status: number,
  headers: Record<string, string | string[] | undefined>,
  body: string,
  now: number,
): GatewayError {
  const said = readUpstreamError(body);
  const requestId = readUpstreamRequestId(headers);
  const detail = {
    upstreamStatus: status,
    upstreamError: said.text,
    ...(said.errorCode ? { upstreamErrorCode: said.errorCode } : {}),
    ...(said.messageCode ? { upstreamMessageCode: said.messageCode } : {}),
    ...(requestId ? { upstreamRequestId: requestId } : {}),
  };
  const failure = {
    status,
    bodyEmpty: body.trim() === '',
    said,
    retryAfterSeconds: parseRetryAfter(headers['retry-after'], now),
    detail,
  };
  const refinement = said.errorCode ? byErrorCode[said.errorCode] : undefined;
  if (refinement?.refines(status)) return refinement.build(failure);
  return (byStatus[status] ?? otherStatus)(failure);
}

/** True when Salesforce refused the token itself, so one retry with a new token may succeed: a 401,
 * an empty 404 (how the gateway answers a token it cannot read), or the spec's INVALID_AUTH. */
export function isTokenRejection(status: number, body: string): boolean {
  if (status === 401 || (status === 404 && body.trim() === '')) return true;
  return body.includes('INVALID_AUTH') && readUpstreamError(body).errorCode === 'INVALID_AUTH';
}

// Request ids are UUIDs; anything else (overlong, odd characters) is not worth a log line's trust.
const requestIdPattern = /^[\w.:-]{1,128}$/;

/** The upstream's `x-request-id` response header, when it looks like an id. */
export function readUpstreamRequestId(
  headers: Record<string, string | string[] | undefined>,
): string | undefined {
  const raw = headers['x-request-id'];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return value && requestIdPattern.test(value) ? value : undefined;
}

/** Copies a GatewayError with extra log-only detail (e.g. the upstream request id). */
export function withDetail(error: GatewayError, extra: Record<string, unknown>): GatewayError {
  return rebuildGatewayError(error, { detail: { ...error.detail, ...extra } });
}

/** A 429 or 503 that survived the retries goes to the client with a Retry-After even when
 * Salesforce gave none, so that clients back off; the detail says the value is the gateway's own. */
export function withClientRetryAfter(error: unknown): unknown {
  if (!(error instanceof GatewayError) || error.retryAfterSeconds !== undefined) return error;
  if (error.status !== 429 && error.status !== 503) return error;
  return rebuildGatewayError(error, {
    retryAfterSeconds: defaultRetryAfterSeconds,
    detail: { ...error.detail, retryAfterAssumed: true },
  });
}

/** The Retry-After Salesforce itself sent, in seconds; undefined when it sent none (a default the
 * gateway added for its client does not count). */
export function readUpstreamRetryAfter(error: GatewayError): number | undefined {
  return error.detail?.retryAfterAssumed === true ? undefined : error.retryAfterSeconds;
}

/** Salesforce itself is failing (not the request, not its rate limit): what the breaker counts. */
export function isUpstreamFailure(error: unknown): boolean {
  if (!(error instanceof GatewayError)) return true;
  return (
    error.kind === 'upstream_timeout' ||
    error.kind === 'upstream_unavailable' ||
    error.kind === 'upstream_error'
  );
}

// Control characters could forge log lines or break a client's terminal; upstream text is untrusted.
const controlCharacters = /\p{Cc}+/gu;

function clean(text: string): string {
  const flat = text.replace(controlCharacters, ' ').trim();
  return flat.length > maxUpstreamMessageLength ? `${flat.slice(0, maxUpstreamMessageLength)}…` : flat;
}

function cleanCode(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Z0-9_]{1,64}$/i.test(value) ? value.toUpperCase() : undefined;
}

/** Reads an error body in any of its shapes: the Models API object, the gateway's
 * {"errors":[…]}, an HTML page, or nothing at all. */
export function readUpstreamError(body: string): UpstreamErrorReport {
  const parsed = parseJsonObject(body);
  if (parsed) {
    const errorCode = cleanCode(parsed.errorCode);
    const messageCode = cleanCode(parsed.messageCode);
    const codes = { ...(errorCode ? { errorCode } : {}), ...(messageCode ? { messageCode } : {}) };
    const field = readField(parsed.targets);
    if (typeof parsed.message === 'string') {
      const text = clean(`${errorCode ? `${errorCode}: ` : ''}${parsed.message}`);
      return { text, ...codes, ...(field ? { field } : {}) };
    }
    const first = Array.isArray(parsed.errors)
      ? (parsed.errors[0] as { message?: unknown } | undefined)
      : undefined;
    if (typeof first?.message === 'string') return { text: clean(first.message), ...codes };
    if (errorCode) return { text: errorCode, ...codes };
  }
  if (body.trim() === '') return { text: 'no details given (empty body)' };
  return { text: 'no details given (the body was not JSON)' };
}

function readField(targets: unknown): string | undefined {
  if (!Array.isArray(targets)) return undefined;
  for (const item of targets as Array<{ type?: unknown; reference?: unknown } | null>) {
    if (typeof item?.reference === 'string' && (item.type === 'FIELD' || item.type === undefined)) {
      return clean(item.reference).slice(0, 120);
    }
  }
  return undefined;
}
