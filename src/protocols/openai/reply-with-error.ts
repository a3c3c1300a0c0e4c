import type { FastifyReply, FastifyRequest } from 'fastify';
import { type GatewayError, isClientMistake } from '../../core/errors.ts';
import { encodeError } from './errors.ts';

/** Sends an OpenAI-shaped error response and logs it at a level that matches whose fault it was. */
export function replyWithError(
  request: FastifyRequest,
  reply: FastifyReply,
  error: GatewayError,
): FastifyReply {
  logRequestFailure(request, error);
  const encoded = encodeError(error);
  return reply.code(encoded.status).headers(encoded.headers).send(encoded.body);
}

/** Client mistakes at info, upstream trouble at warn, gateway bugs at error with their cause. */
export function logRequestFailure(request: FastifyRequest, error: GatewayError): void {
  const fields = {
    kind: error.kind,
    status: error.status,
    code: error.code,
    param: error.param,
    detail: error.detail,
  };
  if (isClientMistake(error)) request.log.info(fields, error.message);
  else if (error.kind === 'internal') request.log.error({ ...fields, err: error.cause }, error.message);
  else request.log.warn(fields, error.message);
}
