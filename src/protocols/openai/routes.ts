import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { toGatewayError } from '../../core/errors.ts';
import type { ChatRequest, ChatResult, StreamEvent } from '../../core/model.ts';
import type { CallContext } from '../../core/provider.ts';
import { encodeSseComment } from '../../streaming/sse.ts';
import { writeSseResponse } from '../../streaming/write-sse.ts';
import { createCallContext } from '../shared/create-call-context.ts';
import { encodeGenerationIdHeader } from '../shared/generation-id-header.ts';
import { encodeIgnoredParamsHeader } from '../shared/ignored-params-header.ts';
import { logRequestFailure } from '../shared/log-request-failure.ts';
import { mapRequestError } from '../shared/map-request-error.ts';
import { handleCompletion, type TextGenerationPipeline } from './completion-route.ts';
import { decodeChatCompletionRequest } from './decode.ts';
import { type EmbeddingPipeline, handleEmbeddings } from './embeddings-route.ts';
import { encodeChatResponse } from './encode.ts';
import { type FeedbackPipeline, handleFeedback } from './feedback-route.ts';
import { replyWithError } from './reply-with-error.ts';
import { encodeChatStream, encodeChatStreamError } from './stream.ts';

/** The part of the pipeline the chat completions route calls. */
export interface ChatPipeline {
  chat(request: ChatRequest, context: CallContext): Promise<ChatResult>;
  streamChat(request: ChatRequest, context: CallContext): AsyncIterable<StreamEvent>;
}

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
    scope.setErrorHandler((thrown, request, reply) =>
      replyWithError(request, reply, mapRequestError(thrown, request)),
    );
    // Only JSON bodies: without this, Fastify's text/plain parser would hand a string to decode.
    scope.removeContentTypeParser('text/plain');
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
    stream,
    includeUsage,
    legacyFunctions,
  } = decodeChatCompletionRequest(request.body);
  // The pipeline rewrites `model` to the upstream name; the client gets back the name it sent.
  const requestedModel = chatRequest.model;
  const { context, abortController, streamObserver } = createCallContext(request, reply, chatRequest);
  if (!stream) {
    const result = await dependencies.pipeline.chat(chatRequest, context);
    reply.headers({
      ...encodeIgnoredParamsHeader(chatRequest.ignoredFields),
      ...encodeGenerationIdHeader(result),
    });
    return encodeChatResponse(result, requestedModel, { legacyFunctions });
  }
  const events = dependencies.pipeline.streamChat(chatRequest, context);
  const inBandError = (error: unknown) => {
    const gatewayError = toGatewayError(error);
    // A failure caused by the client leaving is not worth a log line.
    if (!abortController.signal.aborted) logRequestFailure(request, gatewayError);
    return gatewayError;
  };
  await writeSseResponse(reply, {
    frames: encodeChatStream(events, { requestedModel, includeUsage, legacyFunctions, onError: inBandError }),
    keepAliveMs: dependencies.keepAliveMs,
    keepAliveFrame: () => encodeSseComment('keep-alive'),
    headers: () => encodeIgnoredParamsHeader(chatRequest.ignoredFields),
    onFirstFrameError: (error) => {
      replyWithError(request, reply, toGatewayError(error));
    },
    errorFrame: (error) => encodeChatStreamError(inBandError(error)),
    abortController,
    observer: streamObserver,
  });
  return reply;
}
