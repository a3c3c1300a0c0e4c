import { simulateStream } from '../streaming/simulate-stream.ts';
import { GatewayError } from './errors.ts';
import type {
  ChatRequest,
  ChatResult,
  EmbeddingRequest,
  EmbeddingResult,
  ModelInfo,
  StreamEvent,
} from './model.ts';
import type { ModelCatalog } from './model-catalog.ts';
import type { CallContext, Provider } from './provider.ts';
import { applyStopSequences } from './stop-sequences.ts';

/** Resolves the model, adapts the request to what the provider can do, and calls it. */
export class Pipeline {
  readonly #provider: Provider;
  readonly #catalog: ModelCatalog;

  constructor(provider: Provider, catalog: ModelCatalog) {
    this.#provider = provider;
    this.#catalog = catalog;
  }

  /** One whole answer. */
  async chat(request: ChatRequest, context: CallContext): Promise<ChatResult> {
    const upstreamRequest = this.#prepareChat(request);
    const result = await this.#provider.chat(upstreamRequest, context);
    return this.#provider.capabilities.nativeStopSequences
      ? result
      : applyStopSequences(result, request.stopSequences);
  }

  /** A stream of events. Model and request problems throw here, before any event, so they
   * reach the client as a plain HTTP error. */
  streamChat(request: ChatRequest, context: CallContext): AsyncIterable<StreamEvent> {
    const upstreamRequest = this.#prepareChat(request);
    if (this.#provider.streamChat) return this.#provider.streamChat(upstreamRequest, context);
    return this.#simulatedStream(upstreamRequest, request.stopSequences, context);
  }

  /** Embedding vectors for each input. */
  async embed(request: EmbeddingRequest, context: CallContext): Promise<EmbeddingResult> {
    const model = this.#catalog.resolve(request.model, 'embedding');
    return this.#provider.embed({ ...request, model: model.upstreamModel }, context);
  }

  listModels(): ModelInfo[] {
    return this.#catalog.list();
  }

  findModel(id: string): ModelInfo | undefined {
    return this.#catalog.find(id);
  }

  async *#simulatedStream(request: ChatRequest, stopSequences: string[], context: CallContext) {
    const result = await this.#provider.chat(request, context);
    yield* simulateStream(applyStopSequences(result, stopSequences));
  }

  // Records, on the client's request, every setting this provider cannot honour, so the route
  // can say so; never pretends a setting took effect.
  #prepareChat(request: ChatRequest): ChatRequest {
    const model = this.#catalog.resolve(request.model, 'chat');
    const { capabilities } = this.#provider;
    if (!capabilities.images) refuseImages(request);
    const ignored = request.ignoredFields;
    if (!capabilities.samplingSettings) {
      const sampling = request.sampling;
      if (sampling.temperature !== undefined) ignored.push('temperature');
      if (sampling.topP !== undefined) ignored.push('top_p');
      if (sampling.topK !== undefined) ignored.push('top_k');
      if (sampling.seed !== undefined) ignored.push('seed');
      if (sampling.presencePenalty !== undefined) ignored.push('presence_penalty');
      if (sampling.frequencyPenalty !== undefined) ignored.push('frequency_penalty');
    }
    if (!capabilities.nativeMaxTokens && request.maxOutputTokens !== undefined) ignored.push('max_tokens');
    if (!capabilities.nativeTools && request.tools.length > 0) ignored.push('tools');
    return { ...request, model: model.upstreamModel };
  }
}

function refuseImages(request: ChatRequest): void {
  request.messages.forEach((message, messageIndex) => {
    if (message.content.some((part) => part.type === 'image')) {
      throw new GatewayError(
        'invalid_request',
        `messages[${messageIndex}] contains an image, but the Salesforce Models API accepts text only; send the content as text.`,
        { param: `messages[${messageIndex}].content`, code: 'unsupported_content' },
      );
    }
  });
}
