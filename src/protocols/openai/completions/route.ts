import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ChatResult, StreamEvent, TextGenerationRequest } from '../../../core/model.ts';
import type { CallContext } from '../../../core/provider.ts';
import { encodeSseComment } from '../../../streaming/sse.ts';
import { createCallContextForPrompt } from '../../shared/create-call-context.ts';
import { serveChatRoute } from '../../shared/serve-chat-route.ts';
import { encodeChatStreamError } from '../encode-chat-stream-error.ts';
import { replyWithError } from '../reply-with-error.ts';
import { decodeCompletionRequest } from './decode.ts';
import { encodeCompletionResponse } from './encode.ts';
import { encodeCompletionStream } from './stream.ts';

/** The part of the pipeline the legacy completions route calls. */
export interface TextGenerationPipeline {
  generate(request: TextGenerationRequest, context: CallContext): Promise<ChatResult>;
  streamGenerate(request: TextGenerationRequest, context: CallContext): AsyncIterable<StreamEvent>;
}

/** `POST /v1/completions` (legacy): one prompt, one generation, whole or streamed. */
export async function handleCompletion(
  request: FastifyRequest,
  reply: FastifyReply,
  pipeline: TextGenerationPipeline,
  keepAliveMs: number,
): Promise<unknown> {
  const {
    request: generationRequest,
    fieldNames,
    stream,
    includeUsage,
  } = decodeCompletionRequest(request.body);
  return serveChatRoute(request, reply, {
    call: {
      request: generationRequest,
      fieldNames,
      callContext: createCallContextForPrompt(request, reply, generationRequest.prompt.length),
      answer: (context) => pipeline.generate(generationRequest, context),
      streamAnswer: (context) => pipeline.streamGenerate(generationRequest, context),
    },
    stream,
    encodeAnswer: encodeCompletionResponse,
    sendsGenerationId: true,
    encodeStream: (events, requestedModel, reportFailure) =>
      encodeCompletionStream(events, { requestedModel, includeUsage, onError: reportFailure }),
    encodeStreamError: encodeChatStreamError,
    keepAliveFrame: () => encodeSseComment('keep-alive'),
    keepAliveMs,
    replyWithError,
  });
}
