import type { ErrorKind, GatewayError } from '../../core/errors.ts';
import { encodeRetryHeaders } from '../shared/retry-headers.ts';

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

/** GatewayError -> OpenAI status, headers and body. */
export function encodeError(error: GatewayError): {
  status: number;
  headers: Record<string, string>;
  body: OpenAIErrorBody;
} {
  return {
    status: error.status,
    headers: encodeRetryHeaders(error),
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
