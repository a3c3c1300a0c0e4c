import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ChatRequest, ChatResult, StreamEvent } from '../../core/model.ts';
import type { CallContext } from '../../core/provider.ts';
import { createCallContext } from './create-call-context.ts';
import type { RequestFieldNames } from './request-field-names.ts';
import type { PipelineCall } from './serve-chat-route.ts';

/** The part of the pipeline every chat route calls. */
export interface ChatPipeline {
  chat(request: ChatRequest, context: CallContext): Promise<ChatResult>;
  streamChat(request: ChatRequest, context: CallContext): AsyncIterable<StreamEvent>;
}

/** A decoded chat request bound for `pipeline`, whole or streamed; `fieldNames` names its parts in the client's wire format. */
export function callChatPipeline(
  request: FastifyRequest,
  reply: FastifyReply,
  pipeline: ChatPipeline,
  chatRequest: ChatRequest,
  fieldNames: RequestFieldNames,
): PipelineCall {
  return {
    request: chatRequest,
    fieldNames,
    callContext: createCallContext(request, reply, chatRequest),
    answer: (context) => pipeline.chat(chatRequest, context),
    streamAnswer: (context) => pipeline.streamChat(chatRequest, context),
  };
}
