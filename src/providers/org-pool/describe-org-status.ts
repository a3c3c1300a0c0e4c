import type { OrgUpstream } from '../salesforce-native/create-org-upstream.ts';
import type { OrgStatus } from './org-pool-types.ts';
import type { OrgRouter } from './org-router.ts';

/** Each org of a pool as health, metrics and the console show it: routing, token and breakers. */
export function describeOrgStatus(router: OrgRouter, orgs: readonly OrgUpstream[]): OrgStatus[] {
  return router.status().map((routing, index) => {
    const org = orgs[index] as OrgUpstream;
    return {
      ...routing,
      token: org.tokens.status(),
      circuit: org.upstreamBreaker.snapshot(),
      nativeCircuit: org.native ? org.native.breaker.snapshot() : null,
    };
  });
}
