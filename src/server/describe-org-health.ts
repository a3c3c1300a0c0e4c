import type { OrgStatus } from '../providers/org-pool/org-pool-types.ts';
import type { CircuitSnapshot } from '../transport/circuit-breaker.ts';

/** True when an org of the pool cannot take every request right now. */
export function isOrgDegraded(org: OrgStatus): boolean {
  return (
    org.cooldown !== null ||
    org.token.breaker.state !== 'closed' ||
    org.token.state === 'refresh-required' ||
    org.circuit.state !== 'closed' ||
    (org.nativeCircuit !== null && org.nativeCircuit.state !== 'closed')
  );
}

/** One org of the pool as /health shows it: routing, cooldown, token and breakers; never a secret. */
export function describeOrgHealth(org: OrgStatus) {
  const { token } = org;
  return {
    name: org.name,
    weight: org.weight,
    models: org.models,
    inFlight: org.inFlight,
    requests: org.requests,
    failures: org.failures,
    rateLimited: org.rateLimited,
    cooldown: org.cooldown && {
      reason: org.cooldown.reason,
      until: new Date(org.cooldown.until).toISOString(),
      remainingSeconds: Math.ceil(org.cooldown.remainingMs / 1000),
    },
    token: {
      state: token.state,
      expiresAt: token.expiresAt === null ? null : new Date(token.expiresAt).toISOString(),
      fetches: token.fetches,
      refreshing: token.refreshing,
      lastError: token.lastError,
      breaker: token.breaker.state,
      apiBaseUrl: token.apiBaseUrl,
    },
    circuit: describeCircuit(org.circuit),
    ...(org.nativeCircuit && { nativeCircuit: describeCircuit(org.nativeCircuit) }),
  };
}

/** A breaker (or a set of them, one per model) as /health shows it. */
export function describeCircuit(circuit: CircuitSnapshot) {
  return {
    state: circuit.state,
    consecutiveFailures: circuit.consecutiveFailures,
    openedAt: circuit.openedAt === null ? null : new Date(circuit.openedAt).toISOString(),
    ...(circuit.openModels && { openModels: circuit.openModels }),
  };
}
