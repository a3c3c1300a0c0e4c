import { ConfigError } from '../../config/config-error.ts';
import type { Config } from '../../config/schema.ts';
import type { Provider } from '../../core/provider.ts';
import { RedisGenerationOrigins } from '../../transport/redis-generation-origins.ts';
import type { SharedRedis } from '../../transport/shared-redis.ts';
import { GenerationOrigins } from '../org-pool/generation-origins.ts';
import { OrgPoolProvider } from '../org-pool/org-pool-provider.ts';
import type { CircuitSurface, OrgSignals, UpstreamOrg } from '../org-pool/org-pool-types.ts';
import { OrgRouter } from '../org-pool/org-router.ts';
import type { SalesforceWiring } from '../salesforce/create-salesforce-transport.ts';
import { createAutoSurfaceProvider } from './auto-surface-provider.ts';
import { createOrgUpstream, type OrgUpstream } from './create-org-upstream.ts';
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
  /** Carries cooldowns and breaker openings to the other instances of a fleet (pools only). */
  orgSignals?: OrgSignals;
  /** Turns an org's configured model names into API names; undefined for a name it does not know. */
  resolveModelName: (name: string) => string | undefined;
  /** Told each time an org of a pool is put in cooldown. */
  onOrgCooldown?: (org: string, reason: string) => void;
}

/** The provider the pipeline calls, and each org's parts that health and metrics watch. */
export interface UpstreamProviders {
  /** The wrapped Models API when nothing asks for the native surface, else the surface router. */
  provider: Provider;
  /** Every org in configured order: one for the single-org settings. */
  orgs: readonly OrgUpstream[];
  /** Routes among the orgs; null for a single org, whose providers are called directly. */
  router: OrgRouter | null;
}

/** Builds the Salesforce providers UPSTREAM_API and the aliases' surfaces ask for, one token cache
 * and one set of pools per org; several orgs are routed by one OrgRouter shared by both surfaces.
 * Embeddings, feedback and the model list always come from the Models API, the only surface that
 * has them. */
export function createUpstreamProviders(
  config: Config,
  orgs: readonly UpstreamOrg[],
  wiring: UpstreamProvidersWiring,
): UpstreamProviders {
  const { upstreamApi } = config.native;
  const withNative = upstreamApi !== 'models' || aliasesAskForNative(config.modelAliases);
  const pooled = orgs.length > 1;
  const { orgSignals } = wiring;
  const built = orgs.map((org) =>
    createOrgUpstream(config, org, {
      ...wiring,
      withNative,
      pooled,
      onOrgCircuitOpen: (surface, model, until) =>
        orgSignals?.publish({ kind: 'circuit', org: org.name, surface, model, until }),
    }),
  );
  const router = pooled ? createRouter(config, orgs, built, wiring) : null;
  // one for both surfaces: feedback always goes through the Models API, whichever surface answered
  const generationOrigins = router ? createGenerationOrigins(orgs, wiring.redis) : undefined;
  const surfaceOf = (pick: (org: OrgUpstream) => Provider): Provider =>
    router
      ? new OrgPoolProvider(
          built.map((org) => ({ org: org.name, provider: pick(org) })),
          router,
          { generationOrigins },
        )
      : pick(first(built));
  const fallback = wiring.wrapModelsApi(surfaceOf((org) => org.models));
  // Nothing asks for the native surface: the Models API alone, with no router on the hot path.
  if (!withNative) return { provider: fallback, orgs: built, router };
  const native = surfaceOf((org) => nativeOf(org).provider);
  const provider = createAutoSurfaceProvider({
    native: wiring.wrapNative(native),
    nativeEmulatingTools: wiring.wrapNativeEmulatingTools(native),
    fallback,
    memory: new NativeRouteMemory({ durationMs: config.native.routeMemoryMs, now: wiring.now }),
    defaultSurface: upstreamApi,
  });
  return { provider, orgs: built, router };
}

// A breaker another instance opened is opened here too, for the same org, surface and model.
function createRouter(
  config: Config,
  orgs: readonly UpstreamOrg[],
  built: readonly OrgUpstream[],
  wiring: UpstreamProvidersWiring,
): OrgRouter {
  const { orgSignals } = wiring;
  orgSignals?.onSignal((signal) => {
    if (signal.kind !== 'circuit') return;
    const org = built.find((candidate) => candidate.name === signal.org);
    const breakers = org && breakersOf(org, signal.surface);
    breakers?.forceOpen(signal.model, signal.until);
  });
  return new OrgRouter({
    orgs: orgs.map((org) => ({
      name: org.name,
      weight: org.weight,
      models: org.models && new Set(org.models.map((name) => resolveOrgModel(org, name, wiring))),
    })),
    defaultCooldownMs: config.orgCooldownMs,
    credentialsCooldownMs: config.token.failureCooldownMs,
    signals: orgSignals,
    now: wiring.now,
    onCooldown: wiring.onOrgCooldown,
  });
}

function resolveOrgModel(org: UpstreamOrg, name: string, wiring: UpstreamProvidersWiring): string {
  const resolved = wiring.resolveModelName(name);
  if (resolved !== undefined) return resolved;
  throw new ConfigError(
    `SALESFORCE_ORGS: org "${org.name}" lists the model "${name}", which is neither a model name the gateway serves (GET /v1/models) nor a Salesforce API name; correct it or remove it from "models".`,
  );
}

function breakersOf(org: OrgUpstream, surface: CircuitSurface) {
  return surface === 'models' ? org.upstreamBreaker : org.native?.breaker;
}

function nativeOf(org: OrgUpstream): NonNullable<OrgUpstream['native']> {
  if (!org.native) throw new Error(`org ${org.name} was built without the native surface`);
  return org.native;
}

function first<T>(items: readonly T[]): T {
  const item = items[0];
  if (item === undefined) throw new Error('the gateway needs at least one org');
  return item;
}

function aliasesAskForNative(aliases: Config['modelAliases']): boolean {
  return Object.values(aliases).some(
    (alias) => typeof alias !== 'string' && alias.surface !== undefined && alias.surface !== 'models',
  );
}

// With Redis, feedback may reach any instance of the fleet.
function createGenerationOrigins(
  orgs: readonly UpstreamOrg[],
  redis: SharedRedis | undefined,
): GenerationOrigins {
  const names = orgs.map((org) => org.name);
  return new GenerationOrigins({ shared: redis && new RedisGenerationOrigins(redis, names) });
}
