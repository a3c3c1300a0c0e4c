import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { GatewayError, isClientMistake, toGatewayError } from '../core/errors.ts';
import { encodeError } from '../protocols/openai/errors.ts';

/** Options for the bare HTTP server, before any route is added. */
export interface AppOptions {
  logger: FastifyBaseLogger;
  bodyLimitBytes: number;
}

const clientRequestId = /^[\w.:-]{1,128}$/;

/** A Fastify instance with request ids, body limits and OpenAI-shaped fallback errors. */
export function createApp(options: AppOptions): FastifyInstance {
  const app = Fastify({
    loggerInstance: options.logger,
    bodyLimit: options.bodyLimitBytes,
    logController: new LogController({ disableRequestLogging: true }),
    // a client's own x-request-id is kept when it looks like an id; otherwise we mint one
    genReqId: (request) => {
      const header = request.headers['x-request-id'];
      return typeof header === 'string' && clientRequestId.test(header) ? header : `req_${randomUUID()}`;
    },
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.setNotFoundHandler(async (request, reply) => {
    const error = new GatewayError(
      'not_found',
      `Unknown endpoint ${request.method} ${request.url.split('?')[0]}.`,
      {
        code: 'unknown_endpoint',
      },
    );
    const encoded = encodeError(error);
    return reply.status(encoded.status).headers(encoded.headers).send(encoded.body);
  });
  app.setErrorHandler(async (thrown, request, reply) => {
    const error = fromFastifyError(thrown);
    logFailure(request.log, error);
    const encoded = encodeError(error);
    return reply.status(encoded.status).headers(encoded.headers).send(encoded.body);
  });
  return app;
}

/** Turns Fastify's own errors (body too large, bad JSON, wrong content type) into gateway errors. */
export function fromFastifyError(thrown: unknown): GatewayError {
  if (thrown instanceof GatewayError) return thrown;
  const code = (thrown as { code?: unknown })?.code;
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new GatewayError(
        'payload_too_large',
        'The request body is larger than the gateway accepts (BODY_LIMIT_BYTES).',
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new GatewayError(
        'invalid_request',
        'Send the body as JSON with content-type: application/json.',
        {
          status: 415,
          code: 'unsupported_media_type',
        },
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new GatewayError('invalid_request', 'The request body is empty; send a JSON object.', {
        code: 'invalid_json',
      });
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new GatewayError('invalid_request', 'The request body is not valid JSON.', {
        code: 'invalid_json',
      });
  }
  if (thrown instanceof SyntaxError) {
    return new GatewayError('invalid_request', 'The request body is not valid JSON.', {
      code: 'invalid_json',
    });
  }
  return toGatewayError(thrown);
}

/** Client mistakes are logged at info, gateway and upstream failures at error or warn. */
export function logFailure(logger: FastifyBaseLogger, error: GatewayError): void {
  const fields = {
    kind: error.kind,
    status: error.status,
    detail: error.detail,
    err: error.kind === 'internal' ? error.cause : undefined,
  };
  if (isClientMistake(error)) logger.info(fields, error.message);
  else if (error.kind === 'internal') logger.error(fields, error.message);
  else logger.warn(fields, error.message);
}
