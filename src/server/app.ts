import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { GatewayError } from '../core/errors.ts';
import { detectClientProtocol, replyWithClientError } from '../protocols/client-protocol.ts';
import { mapRequestError } from '../protocols/shared/map-request-error.ts';
import { parseJsonBody } from '../protocols/shared/parse-json-body.ts';
import { ClientErrorResponder } from './client-error-handler.ts';

/** Options for the bare HTTP server, before any route is added. */
export interface AppOptions {
  logger: FastifyBaseLogger;
  bodyLimitBytes: number;
  /** Longest time a client may take to send a whole request, and its headers. */
  requestTimeoutMs?: number;
  headersTimeoutMs?: number;
  /** Reverse proxies whose X-Forwarded-For gives request.ip; empty: the socket's peer. */
  trustedProxies?: readonly string[];
}

const clientRequestId = /^[\w.:-]{1,128}$/;

/** A Fastify instance with request ids, body limits, and fallback errors in the shape of the
 * client's own protocol (OpenAI's unless the client is recognisably Anthropic's). */
export function createApp(options: AppOptions): FastifyInstance {
  const clientErrors = new ClientErrorResponder(options.logger);
  const app = Fastify({
    loggerInstance: options.logger,
    bodyLimit: options.bodyLimitBytes,
    requestTimeout: options.requestTimeoutMs ?? 0,
    trustProxy: options.trustedProxies?.length ? [...options.trustedProxies] : false,
    // Node checks both timeouts on this interval (30 s by default), so a short limit needs a short tick.
    http: { headersTimeout: options.headersTimeoutMs, connectionsCheckingInterval: 1000 },
    logController: new LogController({ disableRequestLogging: true }),
    // Node's own 400/408/431 and the router's refusals (a path that does not decode) in the
    // client's protocol too
    clientErrorHandler: clientErrors.handle,
    frameworkErrors: (error, request, reply) =>
      replyWithClientError(request, reply, mapRequestError(error, request)),
    // a client's own x-request-id is kept when it looks like an id; otherwise we mint one
    genReqId: (request) => {
      const header = request.headers['x-request-id'];
      return typeof header === 'string' && clientRequestId.test(header) ? header : `req_${randomUUID()}`;
    },
  });
  clientErrors.watch(app.server);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // Anthropic's SDKs read the id from request-id: the Anthropic routes set it, and this sets it
    // on every other answer to one of them (a model list, an unknown path, a refused key)
    if (detectClientProtocol(request) === 'anthropic') reply.header('request-id', request.id);
  });
  // Our own JSON parser: it refuses bytes that are not UTF-8 (Fastify's would decode them to
  // U+FFFD), prototype-pollution keys and nesting deep enough to overflow a recursive walk, each
  // with a message naming the field.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as Buffer));
    } catch (error) {
      done(error as Error, undefined);
    }
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
