import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ChatRequest } from '../../core/model.ts';
import { type ChatPipeline, callChatPipeline } from '../shared/call-chat-pipeline.ts';
import { locateRequestError } from '../shared/request-field-names.ts';
import { serveChatRoute } from '../shared/serve-chat-route.ts';
import { setUpProtocolScope } from '../shared/set-up-protocol-scope.ts';
import { decodeCountTokensRequest, decodeMessagesRequest } from './decode.ts';
import { encodeMessageResponse } from './encode.ts';
import { replyWithError } from './reply-with-error.ts';
import { encodeMessageStream, encodeMessageStreamError, encodeMessageStreamPing } from './stream.ts';

/** What the Anthropic routes need from the rest of the gateway. */
export interface AnthropicRouteDependencies {
  pipeline: ChatPipeline & {
    /** Input tokens of the prompt (system, tools and messages) as the model would count them. */
    countTokens(request: ChatRequest): Promise<number>;
  };
  /** Idle time after which a streaming response gets a ping event. */
  keepAliveMs: number;
}

/** Registers /v1/messages, /v1/messages/count_tokens and HEAD /api/hello in their own scope, with
 * Anthropic-shaped errors and a `request-id` header on every response. Routes match on the path
 * only, so Claude Code's `?beta=true` is ignored. */
export function registerAnthropicRoutes(
  app: FastifyInstance,
  dependencies: AnthropicRouteDependencies,
): void {
  app.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply) => {
      reply.header('request-id', request.id);
    });
    setUpProtocolScope(scope, replyWithError);
    scope.post('/v1/messages', (request, reply) => handleMessages(request, reply, dependencies));
    scope.post('/v1/messages/count_tokens', async (request) => {
      const { request: chatRequest, fieldNames } = decodeCountTokensRequest(request.body);
      const inputTokens = await dependencies.pipeline.countTokens(chatRequest).catch((error: unknown) => {
        throw locateRequestError(error, fieldNames);
      });
      return { input_tokens: inputTokens };
    });
    // Claude Code's connection-warming probe.
    scope.route({
      method: 'HEAD',
      url: '/api/hello',
      handler: async (_request, reply) => reply.code(200).send(),
    });
  });
}

async function handleMessages(
  request: FastifyRequest,
  reply: FastifyReply,
  dependencies: AnthropicRouteDependencies,
): Promise<unknown> {
  const { request: chatRequest, fieldNames, stream } = decodeMessagesRequest(request.body);
  return serveChatRoute(request, reply, {
    call: callChatPipeline(request, reply, dependencies.pipeline, chatRequest, fieldNames),
    stream,
    encodeAnswer: encodeMessageResponse,
    // The generation id serves /v1/feedback, an OpenAI-family route; Messages answers go without it.
    sendsGenerationId: false,
    encodeStream: (events, requestedModel, reportFailure) =>
      encodeMessageStream(events, { requestedModel, requestId: request.id, onError: reportFailure }),
    encodeStreamError: (error) => encodeMessageStreamError(error, request.id),
    keepAliveFrame: encodeMessageStreamPing,
    keepAliveMs: dependencies.keepAliveMs,
    replyWithError,
  });
}
