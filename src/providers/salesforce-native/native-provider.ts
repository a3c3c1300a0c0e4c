import { GatewayError } from '../../core/errors.ts';
import type {
  ChatRequest,
  ChatResult,
  EmbeddingResult,
  ModelInfo,
  StreamEvent,
  TextGenerationRequest,
} from '../../core/model.ts';
import type { CallContext, Provider, ProviderCapabilities } from '../../core/provider.ts';
import { applyStopSequences } from '../../core/stop-sequences.ts';
import { withClientRetryAfter } from '../salesforce/errors.ts';
import { salesforceModels } from '../salesforce/model-names.ts';
import { cutStreamAtStopSequences } from './cut-stream-at-stop-sequences.ts';
import type { NativeCaller } from './native-caller.ts';
import type { NativeRoute } from './native-route.ts';
import { type NativeRoutes, selectNativeRoute } from './select-native-route.ts';

/** What the native provider is built from. */
export interface NativeProviderOptions {
  caller: NativeCaller;
  routes: NativeRoutes;
  now?: () => number;
}

// Provider-shaped routes: tools, streaming, stop sequences, token limits, sampling, images and
// reasoning are the upstream's own. Structured output is not claimed: only one route has it.
const capabilities: ProviderCapabilities = {
  nativeTools: true,
  nativeStructuredOutput: false,
  nativeStreaming: true,
  nativeStopSequences: true,
  nativeMaxTokens: true,
  samplingSettings: true,
  images: true,
  reasoning: true,
  embeddings: false,
  feedback: false,
};

/** The Salesforce native surface (/ai/gpt/v1) as a Provider: each model on its family's route. */
export class NativeProvider implements Provider {
  readonly name = 'salesforce-native';
  readonly capabilities = capabilities;
  readonly #options: NativeProviderOptions;
  readonly #now: () => number;

  constructor(options: NativeProviderOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  async chat(request: ChatRequest, context: CallContext): Promise<ChatResult> {
    const { route, body } = this.#prepare(request, false, context);
    const target = { model: request.model, path: route.path(request.model, false) };
    const result = await this.#options.caller.send(target, body, context, (answer) =>
      route.parseResponse(answer, this.#now),
    );
    return this.#stopsByItself(route) ? result : applyStopSequences(result, request.stopSequences);
  }

  async *streamChat(request: ChatRequest, context: CallContext): AsyncIterable<StreamEvent> {
    const { route, body } = this.#prepare(request, true, context);
    const target = { model: request.model, path: route.path(request.model, true) };
    const stream = await this.#options.caller.open(target, body, route.streamContentType, context);
    const events = route.decodeStream(stream.body, this.#now);
    try {
      yield* this.#stopsByItself(route) ? events : cutStreamAtStopSequences(events, request.stopSequences);
    } catch (error) {
      // An in-band throttle before the first event becomes the client's 429: it needs a Retry-After too.
      throw withClientRetryAfter(error);
    } finally {
      // A client that left, or a decoder that stopped early, must free the connection.
      stream.cancel();
    }
  }

  generate(request: TextGenerationRequest, context: CallContext): Promise<ChatResult> {
    return this.chat(promptAsChat(request), context);
  }

  streamGenerate(request: TextGenerationRequest, context: CallContext): AsyncIterable<StreamEvent> {
    return this.streamChat(promptAsChat(request), context);
  }

  async embed(): Promise<EmbeddingResult> {
    throw new GatewayError(
      'not_found',
      'The Salesforce native surface has no embeddings; set UPSTREAM_API=models or auto to serve them.',
      { code: 'unsupported_endpoint' },
    );
  }

  listModels(): ModelInfo[] {
    return salesforceModels
      .filter((model) => model.kind === 'chat')
      .map((model) => ({
        id: model.apiName,
        upstreamModel: model.apiName,
        kind: model.kind,
        label: model.label,
        ownedBy: 'salesforce',
      }));
  }

  // The pools and the token cache are the Models API provider's too; it closes them.
  async close(): Promise<void> {}

  // /responses has no stop field (OpenAI's Responses API never had one): the gateway cuts there.
  #stopsByItself(route: NativeRoute): boolean {
    return route !== this.#options.routes.responses;
  }

  // The route's adjustments are told before anything is sent, so the client hears of them
  // even when the call then fails.
  #prepare(
    request: ChatRequest,
    stream: boolean,
    context: CallContext,
  ): { route: NativeRoute; body: unknown } {
    const route = selectNativeRoute(request, this.#options.routes);
    const built = route.buildRequest(request, stream);
    for (const warning of built.warnings) context.onWarning?.(warning);
    return { route, body: built.body };
  }
}

// A bare prompt as a chat of one user message, with the prompt's own limits and settings.
function promptAsChat(request: TextGenerationRequest): ChatRequest {
  return {
    model: request.model,
    messages: [{ role: 'user', content: [{ type: 'text', text: request.prompt }] }],
    tools: [],
    toolChoice: { type: 'auto' },
    parallelToolCalls: false,
    responseFormat: { type: 'text' },
    stopSequences: request.stopSequences,
    ...(request.maxOutputTokens === undefined ? {} : { maxOutputTokens: request.maxOutputTokens }),
    sampling: request.sampling,
  };
}
