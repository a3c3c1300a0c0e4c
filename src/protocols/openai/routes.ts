import type { FastifyInstance } from 'fastify';
import type { ChatPipeline } from '../shared/call-chat-pipeline.ts';
import { setUpProtocolScope } from '../shared/set-up-protocol-scope.ts';
import { handleChatCompletion } from './chat/route.ts';
import { handleCompletion, type TextGenerationPipeline } from './completions/route.ts';
import { type EmbeddingPipeline, handleEmbeddings } from './embeddings/route.ts';
import { type FeedbackPipeline, handleFeedback } from './feedback/route.ts';
import { replyWithError } from './reply-with-error.ts';

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
      handleChatCompletion(request, reply, dependencies.pipeline, dependencies.keepAliveMs),
    );
    scope.post('/v1/completions', (request, reply) =>
      handleCompletion(request, reply, dependencies.pipeline, dependencies.keepAliveMs),
    );
    scope.post('/v1/embeddings', (request, reply) => handleEmbeddings(request, reply, dependencies.pipeline));
    scope.post('/v1/feedback', (request, reply) => handleFeedback(request, reply, dependencies.pipeline));
  });
}
