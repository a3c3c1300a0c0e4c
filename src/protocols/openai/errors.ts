import type { ErrorKind, GatewayError } from '../../core/errors.ts';

/** OpenAI's error body: all four keys always present, `param` and `code` nullable. */
export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

const typeByKind: Record<ErrorKind, string> = {
  invalid_request: 'invalid_request_error',
  authentication: 'authentication_error',
  permission: 'permission_error',
  not_found: 'invalid_request_error',
  payload_too_large: 'invalid_request_error',
  rate_limit: 'rate_limit_error',
  upstream_timeout: 'server_error',
  upstream_unavailable: 'server_error',
  upstream_error: 'server_error',
  internal: 'server_error',
};

/** Status codes the OpenAI and Anthropic SDKs retry on their own (408, 409, 429, 5xx). */
function isRetriedBySdks(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** GatewayError -> OpenAI status, headers and body. */
export function encodeError(error: GatewayError): {
  status: number;
  headers: Record<string, string>;
  body: OpenAIErrorBody;
} {
  const headers: Record<string, string> = {};
  if (error.retryAfterSeconds !== undefined && error.retryAfterSeconds >= 0) {
    headers['retry-after'] = String(Math.ceil(error.retryAfterSeconds));
    headers['retry-after-ms'] = String(Math.round(error.retryAfterSeconds * 1000));
  }
  // The SDKs retry every 429/5xx twice by default; a failure that will fail the same way again
  // (a bad upstream answer, a gateway bug) says so, so that clients do not triple upstream load.
  if (isRetriedBySdks(error.status) && !error.retryable) headers['x-should-retry'] = 'false';
  return {
    status: error.status,
    headers,
    body: {
      error: {
        message: error.message,
        type: error.status >= 500 ? 'server_error' : typeByKind[error.kind],
        param: error.param ?? null,
        code: error.code ?? null,
      },
    },
  };
}
