import type { FastifyRequest } from 'fastify';
import { type GatewayError, isClientMistake } from '../../core/errors.ts';

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
