import type { FastifyInstance } from 'fastify';
import { mapRequestError } from './map-request-error.ts';
import type { ReplyWithError } from './reply-with-error.ts';

/** What every protocol's route scope starts with: its failures answered in its own error shape,
 * and JSON bodies only. */
export function setUpProtocolScope(scope: FastifyInstance, replyWithError: ReplyWithError): void {
  scope.setErrorHandler((thrown, request, reply) =>
    replyWithError(request, reply, mapRequestError(thrown, request)),
  );
  // Without this, Fastify's text/plain parser would hand a string to the decoders.
  scope.removeContentTypeParser('text/plain');
}
