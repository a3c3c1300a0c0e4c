import { type ErrorKind, GatewayError } from '../../../core/errors.ts';
import { statusFromWording } from '../map-native-error.ts';
import { asJsonObject } from '../shared/as-json-object.ts';
import {
  describeNativeError,
  type NativeErrorReport,
  readNativeErrorBody,
} from '../shared/read-native-error-body.ts';
import { safeUpstreamText } from '../shared/safe-upstream-text.ts';

// A 200 (or an in-stream event) may carry an error in place of the answer; the shapes are read by
// the shared readNativeErrorBody. What is the Bedrock route's own: an Anthropic error's type
// names its kind, and any other shape is classified by its wording.

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
  // an answer with content is the answer, whatever else it carries
  if (asJsonObject(body)?.content !== undefined) return undefined;
  const report = readNativeErrorBody(body);
  if (!report) return undefined;
  if (asJsonObject(body)?.type === 'error') return mapAnthropicError(report);
  const said = describeNativeError(report);
  // The status of these bodies is unknown (often a 200 under load): throttling, an overload and a
  // timeout are recognisable by their wording, as on the other routes, and are worth another try.
  const kind = retryableKindByWording[statusFromWording(said)] ?? 'upstream_error';
  return new GatewayError(kind, `Salesforce reported an error: ${said}`, { detail: { upstreamError: said } });
}

const retryableKindByWording: Partial<Record<number, ErrorKind>> = {
  429: 'rate_limit',
  503: 'upstream_unavailable',
  504: 'upstream_timeout',
};

function mapAnthropicError(report: NativeErrorReport): GatewayError {
  const type = safeUpstreamText(report.code ?? '') || 'unknown';
  const said = safeUpstreamText(report.message ?? '') || 'no details given';
  return new GatewayError(
    kindByAnthropicType[type] ?? 'upstream_error',
    `The model reported an error (${type}): ${said}`,
    { code: type, detail: { upstreamError: said } },
  );
}
