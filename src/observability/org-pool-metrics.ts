import { Counter, Gauge, type Registry } from 'prom-client';

/** One org as the org gauges read it on each scrape. */
export interface OrgSample {
  name: string;
  inFlight: number;
  /** Calls sent to the org so far, and those of them that failed (here or passed on to another org). */
  requests: number;
  failures: number;
  /** Milliseconds the org is still skipped for; 0 when it takes requests. */
  cooldownRemainingMs: number;
  /** The token cache's state ('valid', 'refresh-advised', …). */
  tokenState: string;
  /** Models whose breaker is not closed, on the Models API and on the native surface. */
  openCircuits: { models: number; native: number };
}

// Per-org series of a pool (SALESFORCE_ORGS with two orgs or more) and the fallbacks between
// models. Org names and fallback names come from the config, so the label sets stay small.

/** The org pool's and the model fallbacks' Prometheus metrics, on the gateway's registry. */
export class OrgPoolMetrics {
  /** Times an org was put in cooldown, by reason (rate_limit, credentials). */
  readonly orgCooldowns: Counter<'org' | 'reason'>;
  /** Answers that came from a fallback model. */
  readonly modelFallbacks: Counter<'from' | 'to' | 'kind'>;
  #orgs: () => readonly OrgSample[] = () => [];

  constructor(registry: Registry) {
    const registers = [registry];
    // The router keeps the totals; a scrape adds what was added since the last one.
    const counted = new Map<string, { ok: number; failures: number }>();
    const calls = new Counter({
      name: 'sfgw_org_calls_total',
      help: 'Calls sent to each org of the pool, by outcome: ok, or failed (here or passed on to another org or model).',
      labelNames: ['org', 'outcome'] as const,
      registers,
      collect: () => {
        for (const org of this.#orgs()) {
          // calls still in flight have no outcome yet
          const ok = org.requests - org.inFlight - org.failures;
          const before = counted.get(org.name) ?? { ok: 0, failures: 0 };
          if (ok > before.ok) calls.inc({ org: org.name, outcome: 'ok' }, ok - before.ok);
          if (org.failures > before.failures) {
            calls.inc({ org: org.name, outcome: 'failed' }, org.failures - before.failures);
          }
          counted.set(org.name, { ok: Math.max(ok, before.ok), failures: org.failures });
        }
      },
    });
    this.orgCooldowns = new Counter({
      name: 'sfgw_org_cooldowns_total',
      help: 'Times an org of the pool was skipped for a while, by reason: rate_limit (a 429) or credentials (its token was refused).',
      labelNames: ['org', 'reason'] as const,
      registers,
    });
    this.modelFallbacks = new Counter({
      name: 'sfgw_model_fallbacks_total',
      help: 'Requests answered by a MODEL_FALLBACKS model instead of the one asked for, by requested model, answering model and the failure kind that moved them.',
      labelNames: ['from', 'to', 'kind'] as const,
      registers,
    });
    const inFlight = new Gauge({
      name: 'sfgw_org_in_flight',
      help: 'Calls in flight to each org of the pool.',
      labelNames: ['org'] as const,
      registers,
      collect: () => {
        for (const org of this.#orgs()) inFlight.set({ org: org.name }, org.inFlight);
      },
    });
    const cooldown = new Gauge({
      name: 'sfgw_org_cooldown_seconds',
      help: 'Seconds each org of the pool is still skipped for after a 429 or a refused token; 0 when it takes requests.',
      labelNames: ['org'] as const,
      registers,
      collect: () => {
        for (const org of this.#orgs()) cooldown.set({ org: org.name }, org.cooldownRemainingMs / 1000);
      },
    });
    const tokenValid = new Gauge({
      name: 'sfgw_org_token_valid',
      help: "1 while an org's cached access token can be used without waiting, else 0.",
      labelNames: ['org'] as const,
      registers,
      collect: () => {
        for (const org of this.#orgs()) {
          const usable = org.tokenState === 'valid' || org.tokenState === 'refresh-advised';
          tokenValid.set({ org: org.name }, usable ? 1 : 0);
        }
      },
    });
    const openCircuits = new Gauge({
      name: 'sfgw_org_open_circuits',
      help: 'Models whose circuit breaker is open or probing, per org and surface (models, native).',
      labelNames: ['org', 'surface'] as const,
      registers,
      collect: () => {
        for (const org of this.#orgs()) {
          openCircuits.set({ org: org.name, surface: 'models' }, org.openCircuits.models);
          openCircuits.set({ org: org.name, surface: 'native' }, org.openCircuits.native);
        }
      },
    });
  }

  /** Where the org gauges read the pool's state on each scrape. */
  watchOrgs(orgs: () => readonly OrgSample[]): void {
    this.#orgs = orgs;
  }
}
