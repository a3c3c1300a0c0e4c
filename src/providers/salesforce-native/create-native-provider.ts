import type { Config } from '../../config/schema.ts';
import { CircuitBreakerSet } from '../../transport/circuit-breaker-set.ts';
import { type SalesforceTransport, upstreamCallPolicy } from '../salesforce/create-salesforce-transport.ts';
import { bedrockRoute } from './bedrock/bedrock-route.ts';
import { llmGatewayRoute } from './llm-gateway/llm-gateway-route.ts';
import { NativeCaller } from './native-caller.ts';
import { NativeProvider } from './native-provider.ts';
import { responsesRoute } from './responses/responses-route.ts';

/** How the native provider is wired beyond the config and the shared transport. */
export interface NativeWiring {
  now: () => number;
  /** Told each time a native call is refused because the native surface's circuit is open. */
  onCircuitRejection?: () => void;
  /** Told when a model's native breaker opens, with the epoch ms until which it refuses calls. */
  onCircuitOpen?: (model: string, until: number) => void;
}

/** The native-surface provider on the org's shared pools, token and retry budget, with its own breaker per model. */
export function createNativeProvider(config: Config, transport: SalesforceTransport, wiring: NativeWiring) {
  const breaker = new CircuitBreakerSet({
    failureThreshold: config.upstream.breakerFailures,
    cooldownMs: config.upstream.breakerCooldownMs,
    now: wiring.now,
    onOpen: wiring.onCircuitOpen,
  });
  const caller = new NativeCaller({
    http: transport.http,
    tokens: transport.tokens,
    baseUrl: config.native.apiBaseUrl,
    retryBudget: transport.retryBudget,
    breaker,
    onCircuitRejection: wiring.onCircuitRejection,
    ...upstreamCallPolicy(config),
    // A stream may run for minutes, but a silence as long as a whole short call means it stalled.
    streamIdleTimeoutMs: config.upstream.timeoutMs,
    now: wiring.now,
  });
  const provider = new NativeProvider({
    caller,
    routes: { bedrock: bedrockRoute, responses: responsesRoute, llmGateway: llmGatewayRoute },
    now: wiring.now,
  });
  return { provider, breaker };
}
