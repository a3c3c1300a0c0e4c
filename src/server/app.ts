import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { GatewayError } from '../core/errors.ts';
import { mapRequestError } from '../protocols/shared/map-request-error.ts';
import { replyWithClientError } from './client-protocol.ts';

/** Options for the bare HTTP server, before any route is added. */
export interface AppOptions {
  logger: FastifyBaseLogger;
  bodyLimitBytes: number;
}

const clientRequestId = /^[\w.:-]{1,128}$/;

/** A Fastify instance with request ids, body limits, and fallback errors in the shape of the
 * client's own protocol (OpenAI's unless the client is recognisably Anthropic's). */
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
    const path = request.url.split('?')[0];
    const error = new GatewayError('not_found', `Unknown endpoint ${request.method} ${path}.`, {
      code: 'unknown_endpoint',
    });
    return replyWithClientError(request, reply, error);
  });
  app.setErrorHandler(async (thrown, request, reply) =>
    replyWithClientError(request, reply, mapRequestError(thrown, request)),
  );
  return app;
}
