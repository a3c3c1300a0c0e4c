import { forwardTo } from '../core/forward-to.ts';
import type { ChatRequest } from '../core/model.ts';
import type { Provider } from '../core/provider.ts';
import { applyStopSequences } from '../core/stop-sequences.ts';
import { simulateStream } from '../streaming/simulate-stream.ts';
import {
  buildEmulatedRequest,
  chatWithEmulation,
  type EmulationDependencies,
  needsEmulation,
} from './emulated-chat.ts';

/** How an emulating provider treats tools. */
export interface EmulatingProviderOptions {
  /** Emulate every tool even though the inner provider calls tools natively (for tools its route
   * cannot take); the inner provider then gets no tools, only the instructions in the prompt. */
  emulateAllTools?: boolean;
}

/**
 * Adds structured output, and tool calling unless the provider has it natively, to a provider.
 * Requests that need neither pass through untouched; the others are rewritten, read back and,
 * when a native stream exists, streamed by replaying the emulated answer, since envelopes and
 * JSON answers can only be read from whole text.
 */
export function createEmulatingProvider(
  inner: Provider,
  dependencies: EmulationDependencies,
  options: EmulatingProviderOptions = {},
): Provider {
  const emulateTools = options.emulateAllTools === true || !inner.capabilities.nativeTools;
  // An upstream that takes tools natively would call them itself: the prompt is the only place for
  // them. It would also stop on a stop sequence inside a call envelope and cut the call short, so
  // the stop sequences are held back and applied to the text once the calls are read.
  const hidesTools = emulateTools && inner.capabilities.nativeTools;
  const toUpstream = (request: ChatRequest): ChatRequest =>
    hidesTools ? { ...request, tools: [], toolChoice: { type: 'auto' }, stopSequences: [] } : request;
  const needs = (request: ChatRequest) => needsEmulation(request, emulateTools);
  const emulating: Provider = {
    ...forwardTo(inner),
    capabilities: { ...inner.capabilities, nativeTools: !emulateTools },
    async chat(request, context) {
      if (!needs(request)) return inner.chat(request, context);
      const callUpstream = (upstreamRequest: ChatRequest) => inner.chat(toUpstream(upstreamRequest), context);
      const result = await chatWithEmulation(
        request,
        callUpstream,
        dependencies,
        context.logger,
        emulateTools,
      );
      return hidesTools ? applyStopSequences(result, request.stopSequences) : result;
    },
  };
  const { streamChat, countPromptTokens } = inner;
  if (streamChat) {
    emulating.streamChat = async function* (request, context) {
      if (!needs(request)) {
        yield* streamChat.call(inner, request, context);
        return;
      }
      yield* simulateStream(await emulating.chat(request, context));
    };
  }
  if (countPromptTokens) {
    emulating.countPromptTokens = (request) =>
      countPromptTokens.call(
        inner,
        needs(request) ? toUpstream(buildEmulatedRequest(request, emulateTools)) : request,
      );
  }
  return emulating;
}
