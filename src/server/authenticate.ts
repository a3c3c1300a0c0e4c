import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiKey } from '../config/schema.ts';
import { GatewayError } from '../core/errors.ts';
import type { GatewayMetrics } from '../observability/metrics.ts';
import { replyWithClientError, sendClientError } from '../protocols/client-protocol.ts';
import type { ApiKeyVerifier } from './api-key-verifier.ts';
import { clientAddressGroup } from './client-address-group.ts';
import type { FailedAuthenticationLimiter } from './failed-authentication-limiter.ts';
import { requestPath } from './request-path.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The API key's client, once authenticated; null when the gateway runs without keys. */
    caller: ApiKey | null;
  }
}

/** What authentication needs from the gateway. */
export interface AuthenticationOptions {
  verifier: ApiKeyVerifier;
  metrics: GatewayMetrics;
  /** Paths answered without a key: probes and the Prometheus scrape, which hold no secrets. */
  openPaths: readonly string[];
  /** Path prefixes answered without a key: the console's static assets, which hold no secrets. */
  openPathPrefixes?: readonly string[];
  /** Counts failed authentications per client address, and says when one must be refused. */
  failureLimiter: FailedAuthenticationLimiter;
}

const bearerPrefix = /^bearer\s+/i;

/**
 * With API keys configured, every request outside the open paths must carry one, as
 * `Authorization: Bearer <key>` (OpenAI clients) or `x-api-key: <key>` (Anthropic clients).
 * A rejection is answered in the client's protocol and never echoes the key. A client address
 * that keeps failing is refused with 429 until its window ends, without its keys being looked
 * at, so that guessing keys is slow and floods no log.
 */
export function registerAuthentication(app: FastifyInstance, options: AuthenticationOptions): void {
  app.decorateRequest('caller', null);
  if (options.verifier.open) return;
  const openPaths = new Set(options.openPaths);
  const openPathPrefixes = options.openPathPrefixes ?? [];
  const { metrics, failureLimiter } = options;
  app.addHook('onRequest', async (request, reply) => {
    if (request.method === 'OPTIONS' || isOpenPath(requestPath(request.url), openPaths, openPathPrefixes))
      return;
    const clientAddress = clientAddressGroup(request.ip);
    const refusal = failureLimiter.refusal(clientAddress);
    if (refusal) {
      metrics.authenticationFailures.inc({ reason: 'throttled' });
      // one line per address and window, however many requests it sends meanwhile
      if (refusal.firstInWindow) {
        request.log.warn(
          { clientAddress, retryAfterSeconds: refusal.retryAfterSeconds },
          'too many failed authentications from one client address: it gets 429 until its window ends',
        );
      }
      const error = new GatewayError(
        'rate_limit',
        `Too many requests with a missing or wrong API key came from this address; retry in ${refusal.retryAfterSeconds} s with a valid key.`,
        { code: 'too_many_authentication_failures', retryAfterSeconds: refusal.retryAfterSeconds },
      );
      return sendClientError(request, reply, error);
    }
    const presented = presentedKeys(request);
    const caller = presented.map((key) => options.verifier.identify(key)).find((found) => found);
    if (caller) {
      request.caller = caller;
      return;
    }
    failureLimiter.recordFailure(clientAddress);
    const reason = presented.length === 0 ? 'missing' : 'invalid';
    metrics.authenticationFailures.inc({ reason });
    const message =
      reason === 'missing'
        ? 'This gateway needs an API key: send it as "Authorization: Bearer <key>" or "x-api-key: <key>".'
        : 'The API key is not valid for this gateway; check the key your client sends.';
    const error = new GatewayError('authentication', message, {
      code: reason === 'missing' ? 'missing_api_key' : 'invalid_api_key',
    });
    return replyWithClientError(request, reply, error);
  });
}

function presentedKeys(request: FastifyRequest): string[] {
  const keys: string[] = [];
  const apiKey = request.headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey !== '') keys.push(apiKey);
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string' && bearerPrefix.test(authorization)) {
    const token = authorization.replace(bearerPrefix, '').trim();
    if (token !== '') keys.push(token);
  }
  return keys;
}

// A loop rather than some(): no callback is made for every request that needs a key.
function isOpenPath(
  path: string,
  openPaths: ReadonlySet<string>,
  openPathPrefixes: readonly string[],
): boolean {
  if (openPaths.has(path)) return true;
  for (const prefix of openPathPrefixes) if (path.startsWith(prefix)) return true;
  return false;
}
