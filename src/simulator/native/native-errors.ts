import type { FastifyReply } from 'fastify';
import { buildModelsApiError } from '../error-bodies.ts';
import type { NativeRoute } from '../reply-request.ts';

// No error body of this surface is published. Each route answers in the shape of the provider it
// mirrors, which is what the provider texts that survive (Anthropic's, OpenAI's) suggest: Bedrock's
// `{message}`, OpenAI's `{error:{…}}`, and the Models API error object on the LLM-gateway routes.

/** Answers a rejected native request in its route's error shape. */
export function sendNativeError(
  reply: FastifyReply,
  route: NativeRoute,
  status: number,
  message: string,
  param: string | null = null,
): FastifyReply {
  reply.code(status);
  if (route === 'invoke' || route === 'invoke-with-response-stream') return reply.send({ message });
  if (route === 'responses') {
    const type = status >= 500 ? 'server_error' : 'invalid_request_error';
    return reply.send({ error: { message, type, param, code: null } });
  }
  return reply.send(buildModelsApiError(status, message));
}
