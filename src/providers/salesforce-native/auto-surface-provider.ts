import { GatewayError } from '../../core/errors.ts';
import type {
  ChatRequest,
  ModelSurface,
  StreamEvent,
  TextGenerationRequest,
  Warning,
} from '../../core/model.ts';
import type { CallContext, Provider } from '../../core/provider.ts';
import { nativeRouteUnavailableCode } from './map-native-error.ts';
import type { NativeRouteMemory } from './native-route-memory.ts';
import { type FallbackReason, reportFallbackGaps } from './report-fallback-gaps.ts';
import { unsupportedFreeformTool } from './select-native-route.ts';

// The surface router. Each chat goes where its surface says: the one its alias asks for (set on
// the request by the pipeline), else UPSTREAM_API's.
// - models: the Models API, never the native surface.
// - native: the native surface only; whatever it answers is the answer.
// - auto: the native surface first. Only an answer that says the org cannot route the model
//   there (404, "model not available") sends it to the Models API, and the model stays there for
//   the memory's duration. A validation error, a rate limit or an outage is the answer, not a
//   reason to switch: the Models API would not do better, and switching would hide the failure.
// On the native surface, a request with a freeform tool its route cannot take (outside GPT) goes
// to the native provider that emulates all of that request's tools through the prompt.

/** What the surface router is built from. */
export interface AutoSurfaceProviderOptions {
  native: Provider;
  /** The same native provider with every tool emulated, for tools its route cannot take natively. */
  nativeEmulatingTools: Provider;
  /** The Models API provider, already wrapped with emulation and simulated streaming. */
  fallback: Provider;
  memory: NativeRouteMemory;
  /** The surface of a request whose alias names none (UPSTREAM_API); auto when left out. Embeddings,
   * feedback, token counts and the model list come from the Models API whatever it is. */
  defaultSurface?: ModelSurface;
}

type Call<T> = (provider: Provider, context: CallContext) => T;

/** Where one request goes: the Models API, or a native provider and whether a 404 may leave it. */
type Target =
  | { provider: Provider; native: false; reason: FallbackReason }
  | { provider: Provider; native: true; switches: boolean };

/** The native surface and the Models API as one Provider, choosing per request by its surface. */
export function createAutoSurfaceProvider(options: AutoSurfaceProviderOptions): Provider {
  const { native, nativeEmulatingTools, fallback, memory } = options;
  const defaultSurface = options.defaultSurface ?? 'auto';

  const targetFor = (request: ChatRequest | TextGenerationRequest): Target => {
    const surface = request.surface ?? defaultSurface;
    if (surface === 'models') return { provider: fallback, native: false, reason: 'chosen' };
    if (surface === 'auto' && memory.isUnroutable(request.model)) {
      return { provider: fallback, native: false, reason: 'unroutable' };
    }
    const emulatesTools = 'tools' in request && unsupportedFreeformTool(request) !== undefined;
    return {
      provider: emulatesTools ? nativeEmulatingTools : native,
      native: true,
      switches: surface === 'auto',
    };
  };
  const toFallback = (
    request: ChatRequest | TextGenerationRequest,
    context: CallContext,
    reason: FallbackReason,
  ) => {
    reportFallbackGaps(request, fallback.capabilities, context, reason);
    return context;
  };
  const remember = (model: string, context: CallContext) => {
    memory.rememberUnroutable(model);
    context.logger.info({ model }, 'the native surface cannot route this model; using the Models API');
  };
  // An error that says the native surface cannot serve this model for this org.
  const isNotRoutable = (target: Target, error: unknown) =>
    target.native &&
    target.switches &&
    error instanceof GatewayError &&
    error.code === nativeRouteUnavailableCode;

  async function whole<T>(
    request: ChatRequest | TextGenerationRequest,
    context: CallContext,
    call: Call<Promise<T>>,
  ) {
    const target = targetFor(request);
    if (!target.native) return call(fallback, toFallback(request, context, target.reason));
    const held = holdWarnings(context);
    try {
      const result = await call(target.provider, held.context);
      held.release();
      return result;
    } catch (error) {
      if (!isNotRoutable(target, error)) {
        held.release();
        throw error;
      }
      remember(request.model, context);
      return call(fallback, toFallback(request, context, 'unroutable'));
    }
  }

  async function* streamed(
    request: ChatRequest | TextGenerationRequest,
    context: CallContext,
    call: Call<AsyncIterable<StreamEvent>>,
  ): AsyncIterable<StreamEvent> {
    const target = targetFor(request);
    if (!target.native) {
      yield* call(fallback, toFallback(request, context, target.reason));
      return;
    }
    const held = holdWarnings(context);
    const events = call(target.provider, held.context)[Symbol.asyncIterator]();
    let first: IteratorResult<StreamEvent>;
    try {
      first = await events.next();
    } catch (error) {
      if (!isNotRoutable(target, error)) {
        held.release();
        throw error;
      }
      remember(request.model, context);
      yield* call(fallback, toFallback(request, context, 'unroutable'));
      return;
    }
    held.release();
    if (first.done) return;
    yield first.value;
    yield* { [Symbol.asyncIterator]: () => events };
  }

  const provider: Provider = {
    name: defaultSurface === 'native' ? native.name : 'salesforce-auto',
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
    // nativeEmulatingTools wraps the same native provider: closing native closes it.
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
