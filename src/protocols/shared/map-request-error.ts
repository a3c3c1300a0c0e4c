import type { FastifyRequest } from 'fastify';
import { clientClosedStatus, GatewayError, toGatewayError } from '../../core/errors.ts';
import { emptyBodyError, invalidJsonError } from './parse-json-body.ts';

/** Anything thrown while serving a request -> GatewayError, with Fastify's body-parsing failures explained. */
export function mapRequestError(thrown: unknown, request: FastifyRequest): GatewayError {
  if (thrown instanceof GatewayError) return thrown;
  // The call was aborted because the client left: nobody to answer, and not the gateway's fault.
  if (isAbort(thrown) && request.raw.destroyed) {
    return new GatewayError(
      'invalid_request',
      'The client closed the connection before the answer was ready.',
      {
        status: clientClosedStatus,
        code: 'client_closed_request',
      },
    );
  }
  const { code, statusCode, message } = (thrown ?? {}) as {
    code?: unknown;
    statusCode?: unknown;
    message?: unknown;
  };
  switch (code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return invalidJsonError();
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return emptyBodyError();
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new GatewayError(
        'invalid_request',
        `Content-Type must be application/json; got ${JSON.stringify(request.headers['content-type'] ?? '')}.`,
        { status: 415, code: 'unsupported_media_type' },
      );
    // The router could not decode the path: a %-escape that is not UTF-8, e.g. a lone surrogate's.
    case 'FST_ERR_BAD_URL':
      return new GatewayError(
        'invalid_request',
        'The request path has a %-escape that does not decode to UTF-8 text; percent-encode the path as UTF-8.',
        { code: 'invalid_path' },
      );
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new GatewayError(
        'payload_too_large',
        `The request body is larger than this gateway's limit of ${request.routeOptions.bodyLimit} bytes.`,
        { code: 'request_too_large' },
      );
  }
  if (
    typeof statusCode === 'number' &&
    statusCode >= 400 &&
    statusCode < 500 &&
    typeof message === 'string'
  ) {
    return new GatewayError('invalid_request', message, { status: statusCode });
  }
  return toGatewayError(thrown);
}

function isAbort(thrown: unknown): boolean {
  return thrown instanceof Error && thrown.name === 'AbortError';
}
