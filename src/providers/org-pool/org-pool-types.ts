// The shapes the org pool shares with the composition root, health, the console and the fleet
// signals: one file, so that the router, the pool provider and their readers agree.
import type { Provider } from '../../core/provider.ts';
import type { CircuitSnapshot } from '../../transport/circuit-breaker.ts';
import type { TokenStatus } from '../../transport/token-status.ts';
import type { ClientCredentials } from '../salesforce/auth.ts';

/** One org the gateway calls: from SALESFORCE_ORGS, or the single org of the SALESFORCE_* settings. */
export interface UpstreamOrg {
  name: string;
  credentials: ClientCredentials;
  /** Overrides SALESFORCE_NATIVE_API_BASE_URL for this org. */
  nativeApiBaseUrl: string | undefined;
  weight: number;
  /** Public or API names as configured; null: every model. */
  models: readonly string[] | null;
}

/** One org as the router sees it. */
export interface RoutedOrg {
  name: string;
  /** Relative share of the traffic among the orgs that serve a model (> 0). */
  weight: number;
  /** Upstream (API) model names this org serves; null: every model. */
  models: ReadonlySet<string> | null;
}

/** One org's raw provider for one surface, as the pool provider calls it. */
export interface PoolMember {
  org: string;
  provider: Provider;
}

/** Why an org is skipped for now: Salesforce said 429, or its credentials were refused. */
export type CooldownReason = 'rate_limit' | 'credentials';

/** What one instance tells the others about an org (through Redis when configured). `until` is epoch ms. */
export type OrgSignal =
  | { kind: 'cooldown'; org: string; reason: CooldownReason; until: number }
  | { kind: 'circuit'; org: string; surface: CircuitSurface; model: string; until: number };

/** The surface a breaker guards: the Models API or the native surface. */
export type CircuitSurface = 'models' | 'native';

/** Carries org signals across a fleet. Never throws and never waits on the request path. */
export interface OrgSignals {
  /** Tells the other instances; a signal is not delivered back to its sender. */
  publish(signal: OrgSignal): void;
  /** Called with every signal from another instance, and with those still in force when sharing (re)starts. */
  onSignal(listener: (signal: OrgSignal) => void): void;
  close(): Promise<void>;
}

/** The router's picture of one org for health, metrics and the console. */
export interface OrgRouteStatus {
  name: string;
  weight: number;
  /** As configured (upstream names); null: every model. */
  models: readonly string[] | null;
  inFlight: number;
  /** Calls sent to this org, and those that failed over to another org or model. */
  requests: number;
  failures: number;
  rateLimited: number;
  /** Null when the org takes requests. */
  cooldown: { reason: CooldownReason; until: number; remainingMs: number } | null;
}

/** Everything health, /metrics and the console show of one org. */
export interface OrgStatus extends OrgRouteStatus {
  token: TokenStatus;
  /** The Models API's breakers (one per model, summed up). */
  circuit: CircuitSnapshot;
  /** The native surface's breakers; null when nothing asks for that surface. */
  nativeCircuit: CircuitSnapshot | null;
}
