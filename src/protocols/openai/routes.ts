import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { encodeSseComment } from '../../streaming/sse.ts';
import { type ChatPipeline, callChatPipeline } from '../shared/call-chat-pipeline.ts';
import { serveChatRoute } from '../shared/serve-chat-route.ts';
import { setUpProtocolScope } from '../shared/set-up-protocol-scope.ts';
import { handleCompletion, type TextGenerationPipeline } from './completion-route.ts';
import { decodeChatCompletionRequest } from './decode.ts';
import { type EmbeddingPipeline, handleEmbeddings } from './embeddings-route.ts';
import { encodeChatResponse } from './encode.ts';
import { encodeChatStreamError } from './encode-chat-stream-error.ts';
import { type FeedbackPipeline, handleFeedback } from './feedback-route.ts';
import { replyWithError } from './reply-with-error.ts';
import { encodeChatStream } from './stream.ts';

/** What the OpenAI routes need from the rest of the gateway. */
export interface OpenAIRouteDependencies {
  pipeline: ChatPipeline & TextGenerationPipeline & EmbeddingPipeline & FeedbackPipeline;
  /** Idle time after which a streaming response gets a keep-alive comment. */
  keepAliveMs: number;
}

/**
 * Registers /v1/chat/completions, /v1/completions, /v1/embeddings and the gateway's /v1/feedback
 * in one scope, with OpenAI-shaped errors.
 */
export function registerOpenAIRoutes(app: FastifyInstance, dependencies: OpenAIRouteDependencies): void {
  app.register(async (scope) => {
    setUpProtocolScope(scope, replyWithError);
    scope.post('/v1/chat/completions', (request, reply) =>
      handleChatCompletion(request, reply, dependencies),
    );
    scope.post('/v1/completions', (request, reply) =>
      handleCompletion(request, reply, dependencies.pipeline, dependencies.keepAliveMs),
    );
    scope.post('/v1/embeddings', (request, reply) => handleEmbeddings(request, reply, dependencies.pipeline));
    scope.post('/v1/feedback', (request, reply) => handleFeedback(request, reply, dependencies.pipeline));
  });
}

async function handleChatCompletion(
  request: FastifyRequest,
  reply: FastifyReply,
  dependencies: OpenAIRouteDependencies,
): Promise<unknown> {
  const {
    request: chatRequest,
    fieldNames,
    stream,
    includeUsage,
    legacyFunctions,
  } = decodeChatCompletionRequest(request.body);
  return serveChatRoute(request, reply, {
    call: callChatPipeline(request, reply, dependencies.pipeline, chatRequest, fieldNames),
    stream,
    encodeAnswer: (result, requestedModel) => encodeChatResponse(result, requestedModel, { legacyFunctions }),
    sendsGenerationId: true,
    encodeStream: (events, requestedModel, reportFailure) =>
      encodeChatStream(events, { requestedModel, includeUsage, legacyFunctions, onError: reportFailure }),
    encodeStreamError: encodeChatStreamError,
    keepAliveFrame: () => encodeSseComment('keep-alive'),
    keepAliveMs: dependencies.keepAliveMs,
    replyWithError,
  });
}
