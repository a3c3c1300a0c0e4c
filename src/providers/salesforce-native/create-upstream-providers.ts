import type { Config } from '../../config/schema.ts';
import type { Provider } from '../../core/provider.ts';
import type { CircuitBreaker } from '../../transport/circuit-breaker.ts';
import type { HttpClient } from '../../transport/http-client.ts';
import type { TokenCache } from '../../transport/token-cache.ts';
import type { ClientCredentials } from '../salesforce/auth.ts';
import { createSalesforceProvider } from '../salesforce/create-salesforce-provider.ts';
import {
  createSalesforceTransport,
  type SalesforceWiring,
} from '../salesforce/create-salesforce-transport.ts';
import { createAutoSurfaceProvider } from './auto-surface-provider.ts';
import { createNativeProvider } from './create-native-provider.ts';
import { NativeRouteMemory } from './native-route-memory.ts';

/** How the upstream providers are wired beyond the config. */
export interface UpstreamProvidersWiring extends SalesforceWiring {
  /** Wraps the Models API provider by its capabilities (emulation, simulated streaming, …). */
  wrapModelsApi: (provider: Provider) => Provider;
  /** Wraps the native provider by its capabilities (structured output only: it streams and calls tools itself). */
  wrapNative: (provider: Provider) => Provider;
  /** Wraps the native provider to emulate every tool, for requests whose tools its route cannot take. */
  wrapNativeEmulatingTools: (provider: Provider) => Provider;
  /** Told each time a native call is refused because the native surface's circuit is open. */
  onNativeCircuitRejection?: () => void;
}

/** The provider the pipeline calls, and the shared parts health and metrics watch. */
export interface UpstreamProviders {
  /** The wrapped Models API when nothing asks for the native surface, else the surface router. */
  provider: Provider;
  tokens: TokenCache;
  http: HttpClient;
  /** The Models API's breaker (it serves embeddings and feedback in every mode). */
  upstreamBreaker: CircuitBreaker;
  /** The native surface's breaker; null when neither UPSTREAM_API nor any alias asks for it. */
  nativeBreaker: CircuitBreaker | null;
}

/** Builds the Salesforce providers UPSTREAM_API and the aliases' surfaces ask for, on one token cache
 * and one set of pools. Embeddings, feedback and the model list always come from the Models API,
 * the only surface that has them. */
export function createUpstreamProviders(
  config: Config,
  credentials: ClientCredentials,
  wiring: UpstreamProvidersWiring,
): UpstreamProviders {
  const transport = createSalesforceTransport(config, credentials, wiring);
  const shared = { tokens: transport.tokens, http: transport.http };
  const { upstreamApi } = config.native;
  // The Models API provider closes the shared pools; the native one leaves them.
  const models = createSalesforceProvider(config, credentials, wiring, transport);
  const fallback = wiring.wrapModelsApi(models.provider);
  // Nothing asks for the native surface: the Models API alone, with no router on the hot path.
  if (upstreamApi === 'models' && !aliasesAskForNative(config.modelAliases)) {
    return { ...shared, provider: fallback, upstreamBreaker: models.upstreamBreaker, nativeBreaker: null };
  }
  const native = createNativeProvider(config, transport, {
    now: wiring.now,
    onCircuitRejection: wiring.onNativeCircuitRejection,
  });
  const provider = createAutoSurfaceProvider({
    native: wiring.wrapNative(native.provider),
    nativeEmulatingTools: wiring.wrapNativeEmulatingTools(native.provider),
    fallback,
    memory: new NativeRouteMemory({ durationMs: config.native.routeMemoryMs, now: wiring.now }),
    defaultSurface: upstreamApi,
  });
  return { ...shared, provider, upstreamBreaker: models.upstreamBreaker, nativeBreaker: native.breaker };
}

function aliasesAskForNative(aliases: Config['modelAliases']): boolean {
  return Object.values(aliases).some(
    (alias) => typeof alias !== 'string' && alias.surface !== undefined && alias.surface !== 'models',
  );
}
