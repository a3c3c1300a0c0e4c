import type { FastifyRequest } from 'fastify';
import { GatewayError, toGatewayError } from '../../core/errors.ts';

/** Anything thrown while serving a request -> GatewayError, with Fastify's body-parsing failures explained. */
export function mapRequestError(thrown: unknown, request: FastifyRequest): GatewayError {
  if (thrown instanceof GatewayError) return thrown;
  const { code, statusCode, message } = (thrown ?? {}) as {
    code?: unknown;
    statusCode?: unknown;
    message?: unknown;
  };
  switch (code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new GatewayError(
        'invalid_request',
        'The request body is not valid JSON; send one JSON object.',
        {
          code: 'invalid_json',
        },
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new GatewayError(
        'invalid_request',
        'The request body is empty; send a JSON object with "model" and "messages".',
        {
          code: 'invalid_json',
        },
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new GatewayError(
        'invalid_request',
        `Content-Type must be application/json; got ${JSON.stringify(request.headers['content-type'] ?? '')}.`,
        { status: 415, code: 'unsupported_media_type' },
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
