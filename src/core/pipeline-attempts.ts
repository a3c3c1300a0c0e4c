import type { ChatRequest, ChatResult, TextGenerationRequest } from './model.ts';
import type { ModelAttempt } from './model-fallbacks.ts';
import type { CallContext, Provider } from './provider.ts';
import { type StartedStream, startStream } from './started-stream.ts';

/** How the pipeline tries a request on one model, per call; a stream's is absent when the provider has no such stream. */
export interface PipelineAttempts {
  chat: ModelAttempt<ChatRequest, ChatResult>;
  generation: ModelAttempt<TextGenerationRequest, ChatResult>;
  /** Sent when the first event has arrived, so that a failure before it can still fall back. */
  streamChat: ModelAttempt<ChatRequest, StartedStream> | undefined;
  streamGeneration: ModelAttempt<TextGenerationRequest, StartedStream> | undefined;
}

/** How the pipeline plans each kind of request for the model it names. */
export interface RequestPlanners {
  chat(request: ChatRequest, context: CallContext): Promise<ChatRequest>;
  generation(request: TextGenerationRequest, context: CallContext): TextGenerationRequest;
}

/** The attempts for `provider`, built once per pipeline so that a request allocates none. */
export function buildPipelineAttempts(provider: Provider, planners: RequestPlanners): PipelineAttempts {
  const { streamChat, streamGenerate } = provider;
  return {
    chat: { prepare: planners.chat, send: (planned, context) => provider.chat(planned, context) },
    generation: {
      prepare: planners.generation,
      send: (planned, context) => provider.generate(planned, context),
    },
    streamChat: streamChat && {
      prepare: planners.chat,
      send: (planned, context) => startStream(streamChat.call(provider, planned, context)),
    },
    streamGeneration: streamGenerate && {
      prepare: planners.generation,
      send: (planned, context) => startStream(streamGenerate.call(provider, planned, context)),
    },
  };
}
