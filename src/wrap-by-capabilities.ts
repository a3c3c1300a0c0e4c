import { createPromptLimitedProvider } from './core/prompt-limited-provider.ts';
import type { Provider } from './core/provider.ts';
import { createStopSequenceProvider } from './core/stop-sequence-provider.ts';
import { TokenCounter } from './core/token-counter.ts';
import { createUsageEstimatingProvider } from './core/usage-estimating-provider.ts';
import type { EmulationDependencies } from './emulation/emulated-chat.ts';
import { createEmulatingProvider } from './emulation/emulating-provider.ts';
import { createSimulatedStreamingProvider } from './streaming/simulated-streaming-provider.ts';

/** What the wrappers around a provider are built from. */
export interface ProviderWrapping {
  /** Null for an upstream whose prompt cap is not known: no limit is applied. */
  promptTokenLimit: number | null;
  emulation: EmulationDependencies;
  /** Emulate every tool even over a provider that calls tools natively (tools its route cannot take). */
  emulateAllTools?: boolean;
  /** The response cache (RESPONSE_CACHE_SECONDS), around the answers the gateway has accepted. */
  cacheAnswers?: (provider: Provider) => Provider;
}

// Inside out, each wrapper sees the calls as the next one down must receive them: the prompt
// limit counts emulation's instructions and follow-up calls; stop sequences cut the emulated
// answer, after its envelopes are read; the response cache keeps only such finished answers;
// simulated streaming replays the finished answer, fresh or kept; usage estimation, outermost,
// counts what the client sent and receives when the upstream gave no usage.
/** The provider wrapped in what its capabilities lack: prompt limit, emulation, stop sequences, the response cache, simulated streaming, usage. */
export function wrapByCapabilities(provider: Provider, wrapping: ProviderWrapping): Provider {
  const { capabilities } = provider;
  const tokenCounter = new TokenCounter();
  let wrapped =
    wrapping.promptTokenLimit === null
      ? provider
      : createPromptLimitedProvider(provider, {
          tokenCounter,
          promptTokenLimit: wrapping.promptTokenLimit,
        });
  const emulateAllTools = wrapping.emulateAllTools === true;
  if (emulateAllTools || !(capabilities.nativeTools && capabilities.nativeStructuredOutput)) {
    wrapped = createEmulatingProvider(wrapped, wrapping.emulation, { emulateAllTools });
  }
  if (!capabilities.nativeStopSequences) wrapped = createStopSequenceProvider(wrapped);
  if (wrapping.cacheAnswers) wrapped = wrapping.cacheAnswers(wrapped);
  if (!capabilities.nativeStreaming) wrapped = createSimulatedStreamingProvider(wrapped);
  return createUsageEstimatingProvider(wrapped, tokenCounter);
}
