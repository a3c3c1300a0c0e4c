import Anthropic from '@anthropic-ai/sdk';
import type { RunningServer } from '../../src/index.ts';
import { type Simulator, type SimulatorOptions, startSimulator } from '../../src/simulator/simulator.ts';
import { type GatewayLogOptions, type LiveGateway, startLiveGateway } from './live-gateway.ts';

/** One org of the pool under test, as SALESFORCE_ORGS will describe it. */
export interface PoolOrg {
  name: string;
  /** Share of the traffic; defaults to 1. */
  weight?: number;
  /** The names it serves; absent: every model. */
  models?: string[];
}

/** Options: the orgs, extra gateway settings (MODEL_FALLBACKS, REDIS_URL, …), simulator options and where the gateway logs. */
export interface OrgPoolStackOptions extends GatewayLogOptions {
  /** Each org gets a simulator of its own; defaults to `org-a` and `org-b`. */
  orgs?: PoolOrg[];
  settings?: Record<string, string>;
  /** Options every org's simulator starts with; the client id and secret are always the org's own. */
  simulator?: SimulatorOptions;
  /** Running simulators by org name, e.g. those of another stack for a two-gateway fleet; left running on close. */
  existingSimulators?: Record<string, Simulator>;
}

/** One simulator per org plus a live gateway that pools them through SALESFORCE_ORGS. */
export interface OrgPoolStack extends LiveGateway {
  /** The orgs' simulators, by org name. */
  simulators: Record<string, Simulator>;
  anthropic: Anthropic;
  /** Starts another gateway on the same simulators with the same settings (or some changed), e.g. a restart. */
  startGateway(changedSettings?: Record<string, string>): Promise<RunningServer>;
}

/** The two orgs a pool stack has unless told otherwise. */
export const defaultPoolOrgs: readonly PoolOrg[] = [{ name: 'org-a' }, { name: 'org-b' }];

/** The consumer key and secret of an org's simulator, distinct for every org name. */
export function orgCredentials(name: string): { clientId: string; clientSecret: string } {
  return { clientId: `${name}-key`, clientSecret: `${name}-secret` };
}

/** Starts a simulator for each org, on port 0, with the org's own credentials. */
export async function startOrgSimulators(
  orgs: readonly PoolOrg[],
  options: SimulatorOptions = {},
): Promise<Record<string, Simulator>> {
  const started = await Promise.all(
    orgs.map(async (org) => {
      const simulator = await startSimulator({ port: 0, ...options, ...orgCredentials(org.name) });
      return [org.name, simulator] as const;
    }),
  );
  return Object.fromEntries(started);
}

/** The SALESFORCE_ORGS value pointing each org at its simulator with the credentials that simulator accepts. */
export function buildOrgsSetting(orgs: readonly PoolOrg[], simulators: Record<string, Simulator>): string {
  const entries = orgs.map((org) => {
    const simulator = simulators[org.name];
    if (simulator === undefined) throw new Error(`no simulator for the org ${org.name}`);
    return {
      name: org.name,
      consumerKey: simulator.clientId,
      consumerSecret: simulator.clientSecret,
      instanceUrl: simulator.url,
      weight: org.weight ?? 1,
      ...(org.models === undefined ? {} : { models: org.models }),
    };
  });
  return JSON.stringify(entries);
}

/** Starts (or reuses) the orgs' simulators and a gateway on port 0 in live mode that pools them. */
export async function startOrgPoolStack(options: OrgPoolStackOptions = {}): Promise<OrgPoolStack> {
  const orgs = options.orgs ?? defaultPoolOrgs;
  const simulators = options.existingSimulators ?? (await startOrgSimulators(orgs, options.simulator));
  const settings = { SALESFORCE_ORGS: buildOrgsSetting(orgs, simulators), ...options.settings };
  const { launch, ...gateway } = await startLiveGateway(settings, options, async () => {
    if (options.existingSimulators) return;
    await Promise.all(Object.values(simulators).map((simulator) => simulator.close()));
  });
  const anthropic = new Anthropic({ baseURL: gateway.url, apiKey: 'test-key', maxRetries: 0 });
  return { ...gateway, simulators, anthropic, startGateway: launch };
}
