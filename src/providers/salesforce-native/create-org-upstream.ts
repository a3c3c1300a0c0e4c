import type { Config } from '../../config/schema.ts';
import type { Provider } from '../../core/provider.ts';
import type { CircuitBreakerSet } from '../../transport/circuit-breaker-set.ts';
import type { HttpClient } from '../../transport/http-client.ts';
import type { TokenCache } from '../../transport/token-cache.ts';
import type { CircuitSurface, UpstreamOrg } from '../org-pool/org-pool-types.ts';
import { orgTokenFile } from '../org-pool/org-token-file.ts';
import { createSalesforceProvider } from '../salesforce/create-salesforce-provider.ts';
import {
  createSalesforceTransport,
  type SalesforceWiring,
} from '../salesforce/create-salesforce-transport.ts';
import { poolOrgCredentialNames } from '../salesforce/credential-names.ts';
import { createNativeProvider } from './create-native-provider.ts';

/** One org's own token, pools and raw (unwrapped) providers with their per-model breakers. */
export interface OrgUpstream {
  name: string;
  tokens: TokenCache;
  http: HttpClient;
  models: Provider;
  upstreamBreaker: CircuitBreakerSet;
  /** Null when nothing asks for the native surface. */
  native: { provider: Provider; breaker: CircuitBreakerSet } | null;
}

/** How one org is built beyond the config. */
export interface OrgUpstreamWiring extends SalesforceWiring {
  /** Build the native surface too. */
  withNative: boolean;
  /** The org is one of several: it keeps its own token file, and a 429 goes to another org instead of being retried here. */
  pooled: boolean;
  onNativeCircuitRejection?: () => void;
  /** Told when one of the org's breakers opens for a model, with the time it refuses until. */
  onOrgCircuitOpen?: (surface: CircuitSurface, model: string, until: number) => void;
}

/** The transport and raw providers of one org, on its own token cache and pools. */
export function createOrgUpstream(config: Config, org: UpstreamOrg, wiring: OrgUpstreamWiring): OrgUpstream {
  const orgConfig = configForOrg(config, org, wiring.pooled);
  const orgWiring: SalesforceWiring = {
    ...wiring,
    logger: wiring.pooled ? wiring.logger.child({ org: org.name }) : wiring.logger,
    ...(wiring.pooled && { credentialNames: poolOrgCredentialNames(org.name) }),
    onCircuitOpen: (model, until) => wiring.onOrgCircuitOpen?.('models', model, until),
  };
  const transport = createSalesforceTransport(orgConfig, org.credentials, orgWiring);
  const models = createSalesforceProvider(orgConfig, org.credentials, orgWiring, transport);
  const native = wiring.withNative
    ? createNativeProvider(orgConfig, transport, {
        now: wiring.now,
        onCircuitRejection: wiring.onNativeCircuitRejection,
        onCircuitOpen: (model, until) => wiring.onOrgCircuitOpen?.('native', model, until),
      })
    : null;
  return {
    name: org.name,
    tokens: transport.tokens,
    http: transport.http,
    models: models.provider,
    upstreamBreaker: models.upstreamBreaker,
    native: native && { provider: native.provider, breaker: native.breaker },
  };
}

// An org of a pool differs from the single org in three settings only: its native base, its token
// file (one token per file), and rate limits that are not waited out on it while another org can answer.
function configForOrg(config: Config, org: UpstreamOrg, pooled: boolean): Config {
  if (!pooled && org.nativeApiBaseUrl === undefined) return config;
  return {
    ...config,
    native: { ...config.native, apiBaseUrl: org.nativeApiBaseUrl ?? config.native.apiBaseUrl },
    tokenCacheFile:
      pooled && config.tokenCacheFile !== null
        ? orgTokenFile(config.tokenCacheFile, org.name)
        : config.tokenCacheFile,
    upstream: pooled ? { ...config.upstream, retryRateLimits: false } : config.upstream,
  };
}
