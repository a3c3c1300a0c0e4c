import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiKey } from '../config/schema.ts';
import { GatewayError } from '../core/errors.ts';
import type { GatewayMetrics } from '../observability/metrics.ts';
import { replyWithClientError } from '../protocols/client-protocol.ts';
import type { SharedRedis } from '../transport/shared-redis.ts';
import { createSharedRateLimitStore } from './rate-limit-store.ts';

const minuteMs = 60_000;
// A client over its concurrency is told to come back once some of its requests have ended.
const concurrencyRetryAfterSeconds = 1;

/**
 * Per API key: requests per minute (a fixed one-minute window, with x-ratelimit-* headers) and
 * requests in progress. Both answer 429 with Retry-After in the client's protocol. A key whose
 * limit is 0 is not limited; a gateway without keys has no per-key limits. With Redis the
 * per-minute counts are shared by every instance; requests in progress are counted per instance.
 * Each limit's hook is registered only when some key has that limit (the gateway-wide defaults are
 * already filled into every key): without one, requests pay for no hook at all.
 */
export async function registerKeyLimits(
  app: FastifyInstance,
  metrics: GatewayMetrics,
  redis: SharedRedis | null,
  apiKeys: readonly Pick<ApiKey, 'requestsPerMinute' | 'maxConcurrent'>[],
): Promise<void> {
  if (apiKeys.some((apiKey) => apiKey.requestsPerMinute > 0))
    await registerPerMinuteLimit(app, metrics, redis);
  if (apiKeys.some((apiKey) => apiKey.maxConcurrent > 0)) registerConcurrencyLimit(app, metrics);
}

async function registerPerMinuteLimit(
  app: FastifyInstance,
  metrics: GatewayMetrics,
  redis: SharedRedis | null,
): Promise<void> {
  // loaded only by a gateway that limits some key, so others do not even parse it
  const { default: rateLimit } = await import('@fastify/rate-limit');
  await app.register(rateLimit, {
    // with Redis the per-minute budget is the fleet's, not each instance's
    ...(redis
      ? {
          store: createSharedRateLimitStore(redis, () =>
            metrics.sharedStoreFallbacks.inc({ operation: 'rate-limit' }),
          ),
        }
      : {}),
    global: true,
    timeWindow: minuteMs,
    max: (request) => request.caller?.requestsPerMinute ?? 0,
    allowList: (request) => !request.caller || request.caller.requestsPerMinute === 0,
    keyGenerator: (request) => `key:${request.caller?.name}`,
    errorResponseBuilder: (request, context) => {
      const name = callerName(request);
      metrics.keyLimitRejections.inc({ key: name, limit: 'requests_per_minute' });
      return new GatewayError(
        'rate_limit',
        `API key "${name}" has used its ${context.max} requests per minute; retry in ${context.after}.`,
        { code: 'rate_limit_exceeded', retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)) },
      );
    },
  });
}

function registerConcurrencyLimit(app: FastifyInstance, metrics: GatewayMetrics): void {
  const inProgress = new Map<string, number>();
  app.addHook('onRequest', async (request, reply) => {
    const caller = request.caller;
    if (!caller || caller.maxConcurrent === 0 || request.method === 'OPTIONS') return;
    const running = inProgress.get(caller.name) ?? 0;
    if (running >= caller.maxConcurrent) {
      metrics.keyLimitRejections.inc({ key: caller.name, limit: 'concurrency' });
      const error = new GatewayError(
        'rate_limit',
        `API key "${caller.name}" already has ${caller.maxConcurrent} requests in progress, its limit; retry when one ends.`,
        { code: 'concurrency_limit_exceeded', retryAfterSeconds: concurrencyRetryAfterSeconds },
      );
      return replyWithClientError(request, reply, error);
    }
    inProgress.set(caller.name, running + 1);
    reply.raw.once('close', () => {
      const left = (inProgress.get(caller.name) ?? 1) - 1;
      if (left === 0) inProgress.delete(caller.name);
      else inProgress.set(caller.name, left);
    });
  });
}

function callerName(request: FastifyRequest): string {
  return request.caller?.name ?? 'anonymous';
}
