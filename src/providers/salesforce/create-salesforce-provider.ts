import type { Config } from '../../config/schema.ts';
import { CircuitBreakerSet } from '../../transport/circuit-breaker-set.ts';
import type { ClientCredentials } from './auth.ts';
import {
  createSalesforceTransport,
  type SalesforceTransport,
  type SalesforceWiring,
  upstreamCallPolicy,
} from './create-salesforce-transport.ts';
import { SalesforceProvider } from './salesforce-provider.ts';

export {
  type SalesforceWiring,
  tokenIdentity,
  type UpstreamExchange,
} from './create-salesforce-transport.ts';

/** The Salesforce provider with its connection pools, token cache and per-model breakers, built from
 * the config; given a transport, it shares that one's pools, token and retry budget. */
export function createSalesforceProvider(
  config: Config,
  credentials: ClientCredentials,
  wiring: SalesforceWiring,
  transport: SalesforceTransport = createSalesforceTransport(config, credentials, wiring),
) {
  const { http, tokens, retryBudget } = transport;
  const upstreamBreaker = new CircuitBreakerSet({
    failureThreshold: config.upstream.breakerFailures,
    cooldownMs: config.upstream.breakerCooldownMs,
    now: wiring.now,
    onOpen: wiring.onCircuitOpen,
  });
  const provider = new SalesforceProvider({
    http,
    tokens,
    now: wiring.now,
    breaker: upstreamBreaker,
    onCircuitRejection: wiring.onCircuitRejection,
    retryBudget,
    ...upstreamCallPolicy(config),
  });
  return { provider, tokens, http, upstreamBreaker };
}
