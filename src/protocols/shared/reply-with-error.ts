import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayError } from '../../core/errors.ts';
import { logRequestFailure } from './log-request-failure.ts';

/** An error as one protocol writes it. */
export interface EncodedError {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Sends an error answer for a request, in one protocol's shape. */
export type ReplyWithError = (
  request: FastifyRequest,
  reply: FastifyReply,
  error: GatewayError,
) => FastifyReply;

/** A protocol family's replyWithError: logs the failure at a level that matches whose fault it
 * was, then sends it as `encode` writes it. */
export function createReplyWithError(
  encode: (error: GatewayError, request: FastifyRequest) => EncodedError,
): ReplyWithError {
  return (request, reply, error) => {
    logRequestFailure(request, error);
    const encoded = encode(error, request);
    return reply.code(encoded.status).headers(encoded.headers).send(encoded.body);
  };
}
