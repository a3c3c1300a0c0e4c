import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayError } from '../core/errors.ts';
import { replyWithError as replyWithAnthropicError } from '../protocols/anthropic/reply-with-error.ts';
import { replyWithError as replyWithOpenAIError } from '../protocols/openai/reply-with-error.ts';

/** The wire protocol a client speaks. */
export type ClientProtocol = 'openai' | 'anthropic';

/** Anthropic SDKs always send anthropic-version; everything else is treated as OpenAI. */
export function detectClientProtocol(request: FastifyRequest): ClientProtocol {
  if (request.headers['anthropic-version'] !== undefined) return 'anthropic';
  return request.url.startsWith('/v1/messages') ? 'anthropic' : 'openai';
}

/** Sends an error in the shape the client's own SDK understands. */
export function replyWithClientError(request: FastifyRequest, reply: FastifyReply, error: GatewayError) {
  return detectClientProtocol(request) === 'anthropic'
    ? replyWithAnthropicError(request, reply, error)
    : replyWithOpenAIError(request, reply, error);
}
