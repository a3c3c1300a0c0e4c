// Which org of the pool takes the next call. Policy: among the orgs that serve the model, were not
// tried yet for this request and are not cooling down, keep those with the fewest requests in
// flight per unit of weight, then pick among them by smooth weighted round-robin. Sequential
// requests therefore split exactly by weight, and under concurrency a slower org (one that holds
// its requests longer) gets fewer. A cooldown (a 429, or refused credentials) takes an org out
// until it ends; a cooldown from another instance may extend a local one, never shorten it.
import type { CooldownReason, OrgRouteStatus, OrgSignal, OrgSignals, RoutedOrg } from './org-pool-types.ts';

/** The org to call next, or why there is none. */
export type OrgChoice =
  | { org: string }
  | { org: null; reason: 'unserved' }
  | { org: null; reason: 'cooling'; retryAfterMs: number }
  | { org: null; reason: 'exhausted' };

/** How one call to an org ended: it answered, the pool moved on to another org, or the error went to the caller. */
export type OrgCallOutcome = 'answered' | 'failed-over' | 'failed';

/** What the router is built from. */
export interface OrgRouterOptions {
  orgs: readonly RoutedOrg[];
  /** Cooldown after a 429 that named no Retry-After. */
  defaultCooldownMs: number;
  /** Cooldown after the org's credentials or token were refused. */
  credentialsCooldownMs: number;
  /** Shares cooldowns with the other instances of a fleet. */
  signals?: OrgSignals;
  now?: () => number;
  /** Told about every local cooldown (e.g. for a log line or a metric). */
  onCooldown?: (org: string, reason: CooldownReason) => void;
}

// Choices are shared, never mutated: choose() runs on every request and allocates only for 'cooling'.
const unserved: OrgChoice = { org: null, reason: 'unserved' };
const exhausted: OrgChoice = { org: null, reason: 'exhausted' };

interface OrgState {
  readonly org: RoutedOrg;
  /** This org as choose() returns it. */
  readonly choice: OrgChoice;
  readonly configuredModels: readonly string[] | null;
  inFlight: number;
  /** The smooth weighted round-robin's running score. */
  currentWeight: number;
  requests: number;
  failures: number;
  rateLimited: number;
  cooldownReason: CooldownReason;
  /** Epoch ms; at or before now means the org takes requests. */
  cooldownUntil: number;
}

/** Spreads calls over the orgs of a pool and keeps each org's counters and cooldown. */
export class OrgRouter {
  readonly #states: readonly OrgState[];
  readonly #stateByName: ReadonlyMap<string, OrgState>;
  readonly #options: OrgRouterOptions;
  readonly #now: () => number;

  constructor(options: OrgRouterOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#states = options.orgs.map((org) => ({
      org,
      choice: { org: org.name },
      configuredModels: org.models === null ? null : [...org.models],
      inFlight: 0,
      currentWeight: 0,
      requests: 0,
      failures: 0,
      rateLimited: 0,
      cooldownReason: 'rate_limit',
      cooldownUntil: 0,
    }));
    this.#stateByName = new Map(this.#states.map((state) => [state.org.name, state]));
    options.signals?.onSignal((signal) => this.#applySignal(signal));
  }

  /** The org to call for `model`, skipping those already `tried` for this request. */
  choose(model: string, tried: ReadonlySet<string>): OrgChoice {
    const now = this.#now();
    let served = false;
    let soonestCooldownEnd = Number.POSITIVE_INFINITY;
    let lowestLoad = Number.POSITIVE_INFINITY;
    for (const state of this.#states) {
      if (!serves(state.org, model)) continue;
      served = true;
      if (tried.has(state.org.name)) continue;
      if (state.cooldownUntil > now) {
        soonestCooldownEnd = Math.min(soonestCooldownEnd, state.cooldownUntil);
        continue;
      }
      lowestLoad = Math.min(lowestLoad, state.inFlight / state.org.weight);
    }
    if (lowestLoad === Number.POSITIVE_INFINITY) {
      if (!served) return unserved;
      if (soonestCooldownEnd === Number.POSITIVE_INFINITY) return exhausted;
      return { org: null, reason: 'cooling', retryAfterMs: soonestCooldownEnd - now };
    }
    return this.#pickByWeight(model, tried, now, lowestLoad).choice;
  }

  /** True when some org serves `model`, cooling down or not. */
  servesModel(model: string): boolean {
    return this.#states.some((state) => serves(state.org, model));
  }

  /** Counts a call to `org` as started. */
  begin(org: string): void {
    const state = this.#stateOf(org);
    state.inFlight += 1;
    state.requests += 1;
  }

  /** Counts a call to `org` as ended. */
  end(org: string, outcome: OrgCallOutcome): void {
    const state = this.#stateOf(org);
    state.inFlight -= 1;
    if (outcome !== 'answered') state.failures += 1;
  }

  /** Takes `org` out for `durationMs` (default: by reason) and tells the fleet. */
  coolDown(org: string, reason: CooldownReason, durationMs?: number): void {
    const state = this.#stateOf(org);
    const defaultMs =
      reason === 'rate_limit' ? this.#options.defaultCooldownMs : this.#options.credentialsCooldownMs;
    const until = this.#now() + (durationMs ?? defaultMs);
    extendCooldown(state, reason, until);
    if (reason === 'rate_limit') state.rateLimited += 1;
    this.#options.onCooldown?.(org, reason);
    this.#options.signals?.publish({ kind: 'cooldown', org, reason, until });
  }

  /** True while `org` is cooling down. */
  isCoolingDown(org: string): boolean {
    return this.#stateOf(org).cooldownUntil > this.#now();
  }

  /** Every org's counters and cooldown, in configured order. */
  status(): OrgRouteStatus[] {
    const now = this.#now();
    return this.#states.map((state) => ({
      name: state.org.name,
      weight: state.org.weight,
      models: state.configuredModels,
      inFlight: state.inFlight,
      requests: state.requests,
      failures: state.failures,
      rateLimited: state.rateLimited,
      cooldown:
        state.cooldownUntil > now
          ? {
              reason: state.cooldownReason,
              until: state.cooldownUntil,
              remainingMs: state.cooldownUntil - now,
            }
          : null,
    }));
  }

  // Smooth weighted round-robin (as in nginx) over the least-loaded candidates: each gains its
  // weight, the highest score wins and pays back the total, so picks interleave by weight.
  #pickByWeight(model: string, tried: ReadonlySet<string>, now: number, lowestLoad: number): OrgState {
    let chosen: OrgState | undefined;
    let totalWeight = 0;
    for (const state of this.#states) {
      if (!serves(state.org, model) || tried.has(state.org.name) || state.cooldownUntil > now) continue;
      if (state.inFlight / state.org.weight !== lowestLoad) continue;
      state.currentWeight += state.org.weight;
      totalWeight += state.org.weight;
      if (chosen === undefined || state.currentWeight > chosen.currentWeight) chosen = state;
    }
    // choose() found at least one candidate at lowestLoad, so chosen is set.
    const winner = chosen as OrgState;
    winner.currentWeight -= totalWeight;
    return winner;
  }

  #applySignal(signal: OrgSignal): void {
    if (signal.kind !== 'cooldown') return;
    // Another instance may know an org this one was not configured with.
    const state = this.#stateByName.get(signal.org);
    if (state) extendCooldown(state, signal.reason, signal.until);
  }

  #stateOf(org: string): OrgState {
    const state = this.#stateByName.get(org);
    if (state === undefined) throw new Error(`The org pool has no org named "${org}".`);
    return state;
  }
}

function serves(org: RoutedOrg, model: string): boolean {
  return org.models === null || org.models.has(model);
}

function extendCooldown(state: OrgState, reason: CooldownReason, until: number): void {
  if (until <= state.cooldownUntil) return;
  state.cooldownUntil = until;
  state.cooldownReason = reason;
}
