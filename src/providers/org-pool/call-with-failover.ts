import { GatewayError } from '../../core/errors.ts';
import type { CallContext, Provider } from '../../core/provider.ts';
import { classifyOrgFailure } from './classify-org-failure.ts';
import { buildNoOrgLeftError } from './no-org-left-error.ts';
import type { OrgRouter } from './org-router.ts';

/** The orgs' providers and the router a pool calls through. */
export interface FailoverPool {
  router: OrgRouter;
  providerByOrg: ReadonlyMap<string, Provider>;
  /** Told about every move from a failed org to the next. */
  onFailover: ((org: string, error: GatewayError) => void) | undefined;
}

/** The answer of the org that took the call; that org's call is still counted in flight. */
export interface OrgAnswer<T> {
  org: string;
  value: T;
}

/** Calls `attempt` on one org after another, as the router picks them, until one answers or the
 * failure is one another org would repeat. The caller ends the answering org's call. */
export async function callWithFailover<T>(
  pool: FailoverPool,
  model: string,
  context: CallContext,
  attempt: (provider: Provider) => Promise<T>,
): Promise<OrgAnswer<T>> {
  const tried = new Set<string>();
  let lastError: GatewayError | undefined;
  for (;;) {
    const choice = pool.router.choose(model, tried);
    if (choice.org === null) throw buildNoOrgLeftError(model, choice, lastError);
    const { org } = choice;
    tried.add(org);
    pool.router.begin(org);
    try {
      return { org, value: await attempt(providerOf(pool, org)) };
    } catch (error) {
      const next = classifyOrgFailure(error, context.signal);
      // classifyOrgFailure moves only GatewayErrors on; the second test tells the compiler so.
      if (next.action === 'rethrow' || !(error instanceof GatewayError)) {
        pool.router.end(org, 'failed');
        throw error;
      }
      lastError = error;
      pool.router.end(org, 'failed-over');
      if (next.action === 'cool-down') pool.router.coolDown(org, next.reason, next.durationMs);
      context.logger.info(
        { org, kind: lastError.kind, status: lastError.status, code: lastError.code },
        'org pool: moving the request to the next org',
      );
      pool.onFailover?.(org, lastError);
    }
  }
}

function providerOf(pool: FailoverPool, org: string): Provider {
  const provider = pool.providerByOrg.get(org);
  if (provider === undefined)
    throw new GatewayError('internal', `The org pool has no provider for "${org}".`);
  return provider;
}
