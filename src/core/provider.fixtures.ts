import pino from 'pino';
import type { ChatRequest, ChatResult, StreamEvent, TextGenerationRequest } from './model.ts';
import type { CallContext, Provider, ProviderCapabilities } from './provider.ts';

/** The capabilities of a text-only upstream: nothing native but embeddings. */
export const textOnlyCapabilities: ProviderCapabilities = {
  nativeTools: false,
  nativeStructuredOutput: false,
  nativeStreaming: false,
  nativeStopSequences: false,
  nativeMaxTokens: false,
  samplingSettings: false,
  images: false,
  reasoning: false,
  embeddings: true,
  feedback: false,
};

export const testContext: CallContext = {
  requestId: 'req-1',
  signal: new AbortController().signal,
  logger: pino({ level: 'silent' }),
  promptCharacters: 10,
};

/** A whole answer holding one text part. */
export function textAnswer(text: string, outputTokens = 5): ChatResult {
  return {
    id: 'up-1',
    servedModel: 'up',
    created: 1,
    content: [{ type: 'text', text }],
    finishReason: { unified: 'stop', raw: 'stop' },
    usage: { inputTokens: 10, outputTokens, totalTokens: 10 + outputTokens },
  };
}

/** A chat request for `text`, with no tools and a text answer. */
export function textRequest(text: string, overrides: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model: 'up',
    messages: [{ role: 'user', content: [{ type: 'text', text }] }],
    tools: [],
    toolChoice: { type: 'auto' },
    parallelToolCalls: true,
    responseFormat: { type: 'text' },
    stopSequences: [],
    sampling: {},
    ...overrides,
  };
}

/** A bare-prompt request for `prompt`. */
export function generationRequest(prompt: string, stopSequences: string[] = []): TextGenerationRequest {
  return { model: 'up', prompt, stopSequences, sampling: {} };
}

/** What a scripted provider answers and can do. */
export interface ScriptedProviderOptions {
  /** Replies in order, for chat and generate alike. */
  replies: string[];
  capabilities?: ProviderCapabilities;
  /** Events of a native stream; when given, the provider streams natively. */
  streamed?: StreamEvent[];
}

/** A provider that answers from a script and remembers every call that reached it. */
export function scriptedProvider(options: ScriptedProviderOptions) {
  const chats: ChatRequest[] = [];
  const streams: ChatRequest[] = [];
  const generations: TextGenerationRequest[] = [];
  const replies = [...options.replies];
  const nextReply = (): ChatResult => {
    const reply = replies.shift();
    if (reply === undefined) throw new Error('provider called more often than scripted');
    return textAnswer(reply);
  };
  const notUsed = async (): Promise<never> => {
    throw new Error('not used by these tests');
  };
  const provider: Provider = {
    name: 'scripted',
    capabilities: options.capabilities ?? textOnlyCapabilities,
    async chat(request) {
      chats.push(request);
      return nextReply();
    },
    async generate(request) {
      generations.push(request);
      return nextReply();
    },
    embed: notUsed,
    listModels: () => [],
    close: async () => {},
  };
  const { streamed } = options;
  if (streamed) {
    provider.streamChat = async function* (request) {
      streams.push(request);
      yield* streamed;
    };
  }
  return { provider, chats, streams, generations };
}

/** Every event of a stream; fails when the provider offered no stream at all. */
export async function collectEvents(events: AsyncIterable<StreamEvent> | undefined): Promise<StreamEvent[]> {
  if (!events) throw new Error('the provider has no such stream');
  const collected: StreamEvent[] = [];
  for await (const event of events) collected.push(event);
  return collected;
}
