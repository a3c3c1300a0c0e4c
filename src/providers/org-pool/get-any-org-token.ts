import { GatewayError, toGatewayError } from '../../core/errors.ts';
import type { OrgUpstream } from '../salesforce-native/create-org-upstream.ts';

/** Resolves once any org of the pool has a token (what /readyz proves); else says why each could not. */
export async function getAnyOrgToken(orgs: readonly OrgUpstream[]): Promise<void> {
  try {
    await Promise.any(orgs.map((org) => org.tokens.get()));
  } catch (error) {
    const reasons = error instanceof AggregateError ? error.errors : [error];
    const described = orgs.map((org, index) => `${org.name}: ${toGatewayError(reasons[index]).message}`);
    throw new GatewayError(
      'upstream_unavailable',
      `No org of the pool could get a token (${described.join('; ')}).`,
    );
  }
}
