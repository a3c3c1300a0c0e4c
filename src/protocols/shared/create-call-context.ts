import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { ChatRequest, Warning } from '../../core/model.ts';
import type { CallContext } from '../../core/provider.ts';
import type { StreamObserver } from '../../streaming/write-sse.ts';
import { abortOnDisconnect } from './abort-on-disconnect.ts';

/** A call context, the controller that aborts it, and who watches a streamed answer. */
export interface CallContextHandle {
  context: CallContext;
  abortController: AbortController;
  /** The request's telemetry when the app observes requests. */
  streamObserver: StreamObserver | undefined;
  /** What the pipeline and provider could not honour as asked, in the order they said so. */
  warnings: readonly Warning[];
  /** The public model the pipeline fell back to (MODEL_FALLBACKS), set through the context; undefined when none. */
  fallbackModel: string | undefined;
}

/** The per-call context for a chat request, with a controller aborted when the client disconnects. */
export function createCallContext(
  request: FastifyRequest,
  reply: FastifyReply,
  chatRequest: ChatRequest,
): CallContextHandle {
  return createCallContextForPrompt(request, reply, countPromptCharacters(chatRequest));
}

/** The per-call context for any request whose prompt size is already known (text, embeddings, feedback). */
export function createCallContextForPrompt(
  request: FastifyRequest,
  reply: FastifyReply,
  promptCharacters: number,
): CallContextHandle {
  const abortController = new AbortController();
  abortOnDisconnect(reply.raw, abortController);
  const warnings: Warning[] = [];
  const context: CallContext = {
    requestId: request.id,
    signal: abortController.signal,
    // The app is built with a pino loggerInstance, so request.log is a pino child logger.
    logger: request.log as Logger,
    promptCharacters,
    upstreamWait: request.telemetry ?? undefined,
    onWarning: (warning) => warnings.push(warning),
    onModelFallback: (publicModel) => {
      handle.fallbackModel = publicModel;
    },
  };
  const handle: CallContextHandle = {
    context,
    abortController,
    streamObserver: request.telemetry ?? undefined,
    warnings,
    fallbackModel: undefined,
  };
  return handle;
}

function countPromptCharacters(chatRequest: ChatRequest): number {
  let characters = 0;
  for (const message of chatRequest.messages) {
    for (const part of message.content) {
      if (part.type === 'text') characters += part.text.length;
      else if (part.type === 'tool-result') characters += part.content.length;
    }
  }
  return characters;
}
