// Test support for model fallbacks and the request deadline: a catalog of three chat models and a
// fake upstream that behaves per upstream model as each test scripts it.
import { GatewayError } from './errors.ts';
import type { ChatRequest, ModelInfo, StreamEvent, TextGenerationRequest } from './model.ts';
import { ModelCatalog } from './model-catalog.ts';
import { Pipeline, type PipelineOptions } from './pipeline.ts';
import { textAnswer, textOnlyCapabilities } from './provider.fixtures.ts';
import type { Provider } from './provider.ts';

/** What the fake upstream does for one upstream model. */
export interface UpstreamScript {
  /** Waits this long (cut short by an abort, which rejects with the signal's reason) before anything else. */
  delayMs?: number;
  /** Fails before answering or before the first event. */
  error?: GatewayError;
  /** For streams: waits this long after the first event before the rest. */
  pauseAfterFirstEventMs?: number;
  /** For streams: fails after the first event. */
  errorAfterFirstEvent?: GatewayError;
}

/** One call that reached the fake upstream. */
export interface UpstreamCall {
  call: 'chat' | 'generate' | 'streamChat' | 'streamGenerate';
  model: string;
  surface: string | undefined;
}

const chatModel = (upstreamModel: string, label: string): ModelInfo => ({
  id: upstreamModel,
  upstreamModel,
  kind: 'chat',
  label,
  ownedBy: 'test',
});

/** Public names: claude-4-sonnet (Models API), gpt-4.1 (native surface), gemini; one embeddings model. */
export function fallbackCatalog(): ModelCatalog {
  return new ModelCatalog({
    upstreamModels: [
      chatModel('sfdc_ai__Claude', 'Claude'),
      chatModel('sfdc_ai__Gpt', 'GPT'),
      chatModel('sfdc_ai__Gemini', 'Gemini'),
      { ...chatModel('sfdc_ai__Ada', 'Ada'), kind: 'embedding' },
    ],
    aliases: {
      'claude-4-sonnet': 'sfdc_ai__Claude',
      'gpt-4.1': { model: 'sfdc_ai__Gpt', surface: 'native' },
      gemini: 'sfdc_ai__Gemini',
    },
  });
}

/** A streaming upstream that answers every model with its upstream name, unless scripted otherwise. */
export function scriptedUpstream(scripts: Readonly<Record<string, UpstreamScript>> = {}) {
  const calls: UpstreamCall[] = [];
  const begin = async (
    call: UpstreamCall['call'],
    request: ChatRequest | TextGenerationRequest,
    signal: AbortSignal,
  ) => {
    calls.push({ call, model: request.model, surface: request.surface });
    const script = scripts[request.model] ?? {};
    if (script.delayMs !== undefined) await wait(script.delayMs, signal);
    if (script.error) throw script.error;
    return script;
  };
  async function* stream(
    call: UpstreamCall['call'],
    request: ChatRequest | TextGenerationRequest,
    signal: AbortSignal,
  ): AsyncIterable<StreamEvent> {
    const script = await begin(call, request, signal);
    const usage = { inputTokens: 10, outputTokens: 0, totalTokens: 10 };
    yield { type: 'response-start', id: 'up-1', servedModel: request.model, created: 1, usage };
    if (script.pauseAfterFirstEventMs !== undefined) await wait(script.pauseAfterFirstEventMs, signal);
    if (script.errorAfterFirstEvent) throw script.errorAfterFirstEvent;
    yield { type: 'text-start', index: 0 };
    yield { type: 'text-delta', index: 0, delta: request.model };
    yield { type: 'text-end', index: 0 };
    yield {
      type: 'finish',
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: { ...usage, outputTokens: 1 },
    };
  }
  const provider: Provider = {
    name: 'scripted',
    capabilities: textOnlyCapabilities,
    async chat(request, context) {
      await begin('chat', request, context.signal);
      return { ...textAnswer(request.model), servedModel: request.model };
    },
    async generate(request, context) {
      await begin('generate', request, context.signal);
      return { ...textAnswer(request.model), servedModel: request.model };
    },
    streamChat: (request, context) => stream('streamChat', request, context.signal),
    streamGenerate: (request, context) => stream('streamGenerate', request, context.signal),
    embed: async () => {
      throw new Error('not used by these tests');
    },
    listModels: () => [],
    close: async () => {},
  };
  return { provider, calls };
}

// These tests send no schemas.
const acceptEverySchema = { check: async () => undefined };

/** A pipeline over the fallback catalog and `provider`. */
export function fallbackPipeline(provider: Provider, options: Omit<PipelineOptions, 'schemaChecker'> = {}) {
  return new Pipeline(provider, fallbackCatalog(), { schemaChecker: acceptEverySchema, ...options });
}

/** An upstream failure of this kind, as a provider would throw it. */
export function upstreamFailure(kind: GatewayError['kind'], message = `upstream ${kind}`): GatewayError {
  return new GatewayError(kind, message);
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
