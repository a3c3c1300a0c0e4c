import { credentialsOf } from './config/read-org-pool.ts';
import type { Config } from './config/schema.ts';
import type { GatewayUpstream } from './gateway.ts';
import type { UpstreamOrg } from './providers/org-pool/org-pool-types.ts';
import type { ClientCredentials } from './providers/salesforce/auth.ts';
import type { Simulator } from './simulator/simulator.ts';
import { defaultClientId, defaultClientSecret } from './simulator/simulator-settings.ts';

/** The org a served gateway calls: the configured one, or in demo mode the built-in simulator. */
export interface Upstream extends GatewayUpstream {
  /** The simulator this process started for demo mode; null when live or when another process runs it. */
  simulator: Simulator | null;
}

/** Extra wiring for startUpstream. */
export interface UpstreamOptions {
  /** In demo mode, a simulator that is already running (the cluster primary's) instead of a new one. */
  simulatorUrl?: string;
}

/** Starts what a gateway for this config answers from: nothing when live, a simulator in demo mode. */
export async function startUpstream(config: Config, options: UpstreamOptions = {}): Promise<Upstream> {
  if (!config.demo) {
    return {
      credentials: liveCredentials(config),
      ...liveOrgs(config),
      simulator: null,
      close: nothingToClose,
    };
  }
  if (options.simulatorUrl !== undefined) {
    return {
      credentials: simulatorCredentials(options.simulatorUrl),
      simulator: null,
      close: nothingToClose,
    };
  }
  // imported here so that a live gateway never loads the simulator (about 15 MiB of RSS)
  const { startSimulator } = await import('./simulator/simulator.ts');
  const simulator = await startSimulator({ host: '127.0.0.1', port: 0 });
  return { credentials: simulatorCredentials(simulator.url), simulator, close: () => simulator.close() };
}

async function nothingToClose(): Promise<void> {}

function liveCredentials(config: Config): ClientCredentials {
  if (!config.salesforce) throw new Error('live mode needs Salesforce credentials');
  return { ...config.salesforce };
}

// SALESFORCE_ORGS: every org with its own credentials, share and models.
function liveOrgs(config: Config): { orgs?: readonly UpstreamOrg[] } {
  if (!config.orgs) return {};
  return {
    orgs: config.orgs.map((org) => ({
      name: org.name,
      credentials: credentialsOf(org),
      nativeApiBaseUrl: org.nativeApiBaseUrl,
      weight: org.weight,
      models: org.models,
    })),
  };
}

// Demo simulators run with the default client credentials.
function simulatorCredentials(url: string): ClientCredentials {
  return {
    consumerKey: defaultClientId,
    consumerSecret: defaultClientSecret,
    instanceUrl: url,
    apiBaseUrl: undefined,
  };
}
