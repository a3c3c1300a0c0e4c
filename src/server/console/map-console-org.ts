import type { OrgStatus } from '../../providers/org-pool/org-pool-types.ts';
import type { CircuitSnapshot } from '../../transport/circuit-breaker.ts';
import type { ConsoleOrg, ConsoleOrgCircuit } from './console-api-types.ts';

/** One org's status as the overview shows it: field by field, so nothing else (no credential) leaves. */
export function mapConsoleOrg(org: OrgStatus): ConsoleOrg {
  const { cooldown, token } = org;
  return {
    name: org.name,
    weight: org.weight,
    models: org.models === null ? null : [...org.models],
    inFlight: org.inFlight,
    requests: org.requests,
    failures: org.failures,
    rateLimited: org.rateLimited,
    cooldown: cooldown && {
      reason: cooldown.reason,
      until: new Date(cooldown.until).toISOString(),
      remainingMs: cooldown.remainingMs,
    },
    token: {
      state: token.state,
      expiresAt: token.expiresAt === null ? null : new Date(token.expiresAt).toISOString(),
      lastError: token.lastError,
    },
    circuit: mapCircuit(org.circuit),
    nativeCircuit: org.nativeCircuit && mapCircuit(org.nativeCircuit),
  };
}

function mapCircuit(circuit: CircuitSnapshot): ConsoleOrgCircuit {
  return { state: circuit.state, openModels: [...(circuit.openModels ?? [])] };
}
