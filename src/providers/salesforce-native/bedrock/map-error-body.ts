import { type ErrorKind, GatewayError } from '../../../core/errors.ts';
import { asJsonObject, asString } from '../shared/as-json-object.ts';

// Shared with the other native routes in spirit: the surface publishes no error body, so a 200
// (or an in-stream chunk) may carry an Anthropic error, the Models API object
// ({errorCode, message}), the gateway's {"errors":[{message}]} or Bedrock's bare {"message"}.

/** Longest upstream wording the gateway repeats to a client; the rest goes to the log detail. */
const maxQuotedLength = 500;

const kindByAnthropicType: Record<string, ErrorKind> = {
  invalid_request_error: 'invalid_request',
  // the gateway's own token was refused: not the client's credentials, so not a 401 for them
  authentication_error: 'upstream_error',
  permission_error: 'permission',
  not_found_error: 'not_found',
  request_too_large: 'payload_too_large',
  rate_limit_error: 'rate_limit',
  api_error: 'upstream_error',
  timeout_error: 'upstream_timeout',
  overloaded_error: 'upstream_unavailable',
};

/** An error-shaped body -> the GatewayError it stands for; undefined when the body is no error. */
export function mapErrorBody(body: unknown): GatewayError | undefined {
  const object = asJsonObject(body);
  if (!object) return undefined;
  if (object.type === 'error') return mapAnthropicError(object);
  if (object.content !== undefined) return undefined;
  const first = Array.isArray(object.errors) ? asJsonObject(object.errors[0]) : undefined;
  const message = asString(object.message) ?? asString(first?.message);
  if (message === undefined) return undefined;
  const code = asString(object.errorCode) ?? asString(first?.errorCode);
  const said = code === undefined ? message : `${code}: ${message}`;
  // the status of these bodies is unknown (often a 200 under load): only throttling is recognisable
  const kind: ErrorKind = /throttl|rate.?limit|too many/i.test(said) ? 'rate_limit' : 'upstream_error';
  return new GatewayError(kind, `Salesforce reported an error: ${quote(said)}`, {
    detail: { upstreamError: said },
  });
}

function mapAnthropicError(object: Record<string, unknown>): GatewayError {
  const error = asJsonObject(object.error);
  const type = asString(error?.type) ?? 'unknown';
  const message = asString(error?.message) ?? 'no details given';
  return new GatewayError(
    kindByAnthropicType[type] ?? 'upstream_error',
    `The model reported an error (${type}): ${quote(message)}`,
    { code: type, detail: { upstreamError: object } },
  );
}

function quote(text: string): string {
  return text.length > maxQuotedLength ? `${text.slice(0, maxQuotedLength)}…` : text;
}
