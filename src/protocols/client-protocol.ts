import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayError } from '../core/errors.ts';
import { encodeError as encodeAnthropicError } from './anthropic/errors.ts';
import { replyWithError as replyWithAnthropicError } from './anthropic/reply-with-error.ts';
import { encodeError as encodeOpenAIError } from './openai/errors.ts';
import { replyWithError as replyWithOpenAIError } from './openai/reply-with-error.ts';
import type { EncodedError } from './shared/reply-with-error.ts';

/** The wire protocol a client speaks. */
export type ClientProtocol = 'openai' | 'anthropic';

/** Anthropic SDKs always send anthropic-version, and Anthropic's routes are under /v1/messages
 * (plus Claude Code's probe, /api/hello); everything else is treated as OpenAI. Takes the clues
 * alone, for requests Fastify never parsed. */
export function detectProtocol(path: string | undefined, sendsAnthropicVersion: boolean): ClientProtocol {
  if (sendsAnthropicVersion) return 'anthropic';
  return path?.startsWith('/v1/messages') || path?.split('?')[0] === '/api/hello' ? 'anthropic' : 'openai';
}

/** The protocol of a request Fastify has parsed. */
export function detectClientProtocol(request: FastifyRequest): ClientProtocol {
  return detectProtocol(request.url, request.headers['anthropic-version'] !== undefined);
}

/** Status, headers and body of an error in `protocol`'s shape, for answers sent without replyWithClientError. */
export function encodeClientError(
  protocol: ClientProtocol,
  error: GatewayError,
  requestId?: string,
): EncodedError {
  return protocol === 'anthropic' ? encodeAnthropicError(error, requestId) : encodeOpenAIError(error);
}

/** Sends an error in the client's protocol without the per-request log line, for refusals that
 * are logged once per episode instead of once per request. */
export function sendClientError(request: FastifyRequest, reply: FastifyReply, error: GatewayError) {
  const encoded = encodeClientError(detectClientProtocol(request), error, request.id);
  return reply.code(encoded.status).headers(encoded.headers).send(encoded.body);
}

/** Sends an error in the shape the client's own SDK understands. */
export function replyWithClientError(request: FastifyRequest, reply: FastifyReply, error: GatewayError) {
  return detectClientProtocol(request) === 'anthropic'
    ? replyWithAnthropicError(request, reply, error)
    : replyWithOpenAIError(request, reply, error);
}
