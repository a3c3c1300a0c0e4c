import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { tokenPath } from './endpoints.ts';
import { buildModelsApiError } from './error-bodies.ts';
import { registerModelsApi } from './models-api.ts';
import { registerNativeSurface } from './native/native-surface.ts';
import type { SimulatorState } from './simulator-state.ts';
import { buildUnsupportedGrantTypeBody, registerTokenEndpoint } from './token-endpoint.ts';

// Salesforce publishes no request size limit; this only keeps a runaway client from exhausting memory.
const bodyLimitBytes = 32 * 1024 * 1024;

function parseForm(body: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body));
}

/** One Fastify instance serving both the My Domain token host and the api host. */
export function buildSimulatorApp(state: SimulatorState): FastifyInstance {
  const app = Fastify({
    logger: state.settings.logger,
    bodyLimit: bodyLimitBytes,
    forceCloseConnections: true,
  });

  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, parseForm(body as string));
    },
  );
  // Any other content type arrives as raw text, so the endpoints (not Fastify) decide how to reject it.
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'simulator failed to handle a request');
    if (request.url.startsWith(tokenPath)) {
      const body =
        status === 500
          ? { error: 'unknown_error', error_description: 'retry your request' }
          : buildUnsupportedGrantTypeBody();
      return reply.code(status === 500 ? 500 : 400).send(body);
    }
    return reply.code(status).send(buildModelsApiError(status, status === 500 ? undefined : error.message));
  });

  // Unknown paths and methods get a bare 404, as the api.salesforce.com gateway sends for unroutable requests.
  app.setNotFoundHandler((_request, reply) => reply.code(404).send());

  registerTokenEndpoint(app, state);
  registerModelsApi(app, state);
  registerNativeSurface(app, state);
  return app;
}
