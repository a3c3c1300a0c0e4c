import type { GatewayError } from '../../core/errors.ts';
import { encodeRetryHeaders } from '../shared/retry-headers.ts';

/** Anthropic's error body; `error.type` tells SDKs and Claude Code what happened. */
export interface AnthropicErrorBody {
  type: 'error';
  error: { type: string; message: string };
  request_id?: string;
}

const typeByStatus: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

// An unavailable upstream is answered with Anthropic's 529 overloaded_error, not 503: that is
// what Anthropic clients know. The SDK raises its OverloadedError for 529 and retries it like any
// 5xx, and Claude Code reports "overloaded" and retries instead of showing a generic failure.
function mapStatus(status: number): number {
  return status === 503 ? 529 : status;
}

/** GatewayError -> Anthropic status, headers and body. The message is kept verbatim: Claude Code
 * reacts to wording such as "prompt is too long". */
export function encodeError(
  error: GatewayError,
  requestId?: string,
): { status: number; headers: Record<string, string>; body: AnthropicErrorBody } {
  const status = mapStatus(error.status);
  const type = typeByStatus[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
  return {
    status,
    headers: encodeRetryHeaders(error),
    body: {
      type: 'error',
      error: { type, message: error.message },
      ...(requestId === undefined ? {} : { request_id: requestId }),
    },
  };
}
