import { GatewayError } from '../../core/errors.ts';
import type { ChatRequest, StreamEvent, TextGenerationRequest, Warning } from '../../core/model.ts';
import type { CallContext, Provider } from '../../core/provider.ts';
import { nativeRouteUnavailableCode } from './map-native-error.ts';
import type { NativeRouteMemory } from './native-route-memory.ts';
import { reportFallbackGaps } from './report-fallback-gaps.ts';
import { nativeRouteNameFor, unsupportedFreeformTool } from './select-native-route.ts';

// UPSTREAM_API=auto: every chat tries the native surface first. Only an answer that says the
// org cannot route the model there (404, "model not available") sends it to the Models API,
// and the model stays there for the memory's duration. A validation error, a rate limit or an
// outage is the answer, not a reason to switch: the Models API would not do better, and
// switching would hide the failure. Requests the native routes cannot take (freeform tools
// outside GPT) go to the Models API, which emulates them, without trying.

/** What the auto provider is built from. */
export interface AutoSurfaceProviderOptions {
  native: Provider;
  /** The Models API provider, already wrapped with emulation and simulated streaming. */
  fallback: Provider;
  memory: NativeRouteMemory;
  /** False for UPSTREAM_API=native: chats never leave the native surface; only embeddings,
   * feedback, token counts and the model list come from the Models API. */
  switchesSurface?: boolean;
}

type Call<T> = (provider: Provider, context: CallContext) => T;

/** The native surface with the Models API behind it, per model, as one Provider. */
export function createAutoSurfaceProvider(options: AutoSurfaceProviderOptions): Provider {
  const { native, fallback, memory } = options;
  const switchesSurface = options.switchesSurface ?? true;

  const toFallback = (request: ChatRequest | TextGenerationRequest, context: CallContext) => {
    reportFallbackGaps(request, fallback.capabilities, context);
    return context;
  };
  const skipsNative = (request: ChatRequest | TextGenerationRequest) =>
    switchesSurface &&
    (memory.isUnroutable(request.model) ||
      ('tools' in request &&
        unsupportedFreeformTool(request, nativeRouteNameFor(request.model)) !== undefined));
  const remember = (model: string, context: CallContext) => {
    memory.rememberUnroutable(model);
    context.logger.info({ model }, 'the native surface cannot route this model; using the Models API');
  };

  async function whole<T>(
    request: ChatRequest | TextGenerationRequest,
    context: CallContext,
    call: Call<Promise<T>>,
  ) {
    if (skipsNative(request)) return call(fallback, toFallback(request, context));
    const held = holdWarnings(context);
    try {
      const result = await call(native, held.context);
      held.release();
      return result;
    } catch (error) {
      if (!isNotRoutable(error)) {
        held.release();
        throw error;
      }
      remember(request.model, context);
      return call(fallback, toFallback(request, context));
    }
  }

  async function* streamed(
    request: ChatRequest | TextGenerationRequest,
    context: CallContext,
    call: Call<AsyncIterable<StreamEvent>>,
  ): AsyncIterable<StreamEvent> {
    if (skipsNative(request)) {
      yield* call(fallback, toFallback(request, context));
      return;
    }
    const held = holdWarnings(context);
    const events = call(native, held.context)[Symbol.asyncIterator]();
    let first: IteratorResult<StreamEvent>;
    try {
      first = await events.next();
    } catch (error) {
      if (!isNotRoutable(error)) {
        held.release();
        throw error;
      }
      remember(request.model, context);
      yield* call(fallback, toFallback(request, context));
      return;
    }
    held.release();
    if (first.done) return;
    yield first.value;
    yield* { [Symbol.asyncIterator]: () => events };
  }

  // An error that says the native surface cannot serve this model for this org.
  function isNotRoutable(error: unknown): boolean {
    return switchesSurface && error instanceof GatewayError && error.code === nativeRouteUnavailableCode;
  }

  const provider: Provider = {
    name: switchesSurface ? 'salesforce-auto' : native.name,
    capabilities: {
      ...native.capabilities,
      embeddings: fallback.capabilities.embeddings,
      feedback: fallback.capabilities.feedback,
    },
    chat: (request, context) => whole(request, context, (target, scoped) => target.chat(request, scoped)),
    generate: (request, context) =>
      whole(request, context, (target, scoped) => target.generate(request, scoped)),
    streamChat: (request, context) =>
      streamed(request, context, (target, scoped) =>
        mustStream(target.streamChat, target).call(target, request, scoped),
      ),
    streamGenerate: (request, context) =>
      streamed(request, context, (target, scoped) =>
        mustStream(target.streamGenerate, target).call(target, request, scoped),
      ),
    embed: (request, context) => fallback.embed(request, context),
    listModels: () => fallback.listModels(),
    async close() {
      await Promise.all([native.close(), fallback.close()]);
    },
  };
  const { submitFeedback, countPromptTokens } = fallback;
  if (submitFeedback)
    provider.submitFeedback = (request, context) => submitFeedback.call(fallback, request, context);
  // The Models API's count is the one the gateway knows how to make; the native routes count alike.
  if (countPromptTokens) provider.countPromptTokens = (request) => countPromptTokens.call(fallback, request);
  return provider;
}

// Both sides stream: the native provider natively, the Models API through simulated streaming.
function mustStream<T>(method: T | undefined, provider: Provider): T {
  if (method === undefined)
    throw new GatewayError('internal', `The ${provider.name} provider cannot stream.`);
  return method;
}

// The native route's adjustments are told only once its answer is under way: if the model
// goes to the Models API instead, they were never true.
function holdWarnings(context: CallContext): { context: CallContext; release(): void } {
  const held: Warning[] = [];
  let released = false;
  return {
    context: {
      ...context,
      onWarning: (warning) => (released ? context.onWarning?.(warning) : held.push(warning)),
    },
    release() {
      released = true;
      for (const warning of held.splice(0)) context.onWarning?.(warning);
    },
  };
}
