import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayError } from '../../core/errors.ts';
import { logRequestFailure } from '../shared/log-request-failure.ts';
import { encodeError } from './errors.ts';

/** Sends an Anthropic-shaped error response and logs it at a level that matches whose fault it was. */
export function replyWithError(
  request: FastifyRequest,
  reply: FastifyReply,
  error: GatewayError,
): FastifyReply {
  logRequestFailure(request, error);
  const encoded = encodeError(error, request.id);
  return reply.code(encoded.status).headers(encoded.headers).send(encoded.body);
}
