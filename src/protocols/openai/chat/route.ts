import type { FastifyReply, FastifyRequest } from 'fastify';
import { encodeSseComment } from '../../../streaming/sse.ts';
import { type ChatPipeline, callChatPipeline } from '../../shared/call-chat-pipeline.ts';
import { serveChatRoute } from '../../shared/serve-chat-route.ts';
import { encodeChatStreamError } from '../encode-chat-stream-error.ts';
import { replyWithError } from '../reply-with-error.ts';
import { decodeChatCompletionRequest } from './decode.ts';
import { encodeChatResponse } from './encode.ts';
import { encodeChatStream } from './stream.ts';

/** `POST /v1/chat/completions`: one chat answer, whole or streamed as `chat.completion.chunk` frames. */
export async function handleChatCompletion(
  request: FastifyRequest,
  reply: FastifyReply,
  pipeline: ChatPipeline,
  keepAliveMs: number,
): Promise<unknown> {
  const {
    request: chatRequest,
    fieldNames,
    stream,
    includeUsage,
    legacyFunctions,
  } = decodeChatCompletionRequest(request.body);
  return serveChatRoute(request, reply, {
    call: callChatPipeline(request, reply, pipeline, chatRequest, fieldNames),
    stream,
    encodeAnswer: (result, requestedModel) => encodeChatResponse(result, requestedModel, { legacyFunctions }),
    sendsGenerationId: true,
    encodeStream: (events, requestedModel, reportFailure) =>
      encodeChatStream(events, { requestedModel, includeUsage, legacyFunctions, onError: reportFailure }),
    encodeStreamError: encodeChatStreamError,
    keepAliveFrame: () => encodeSseComment('keep-alive'),
    keepAliveMs,
    replyWithError,
  });
}
