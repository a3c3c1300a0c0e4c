import type { Logger } from 'pino';
import type { Config } from './config/schema.ts';
import type { GatewayMetrics } from './observability/metrics.ts';
import { SharedRedis } from './transport/shared-redis.ts';

const redisStartWaitMs = 2_000;

// Start-up waits a moment for Redis, never longer: an instance without it still serves, on its own state.
/** Connects to the fleet's Redis, waiting at most two seconds for it. */
export async function connectSharedRedis(
  settings: NonNullable<Config['redis']>,
  logger: Logger,
  metrics: GatewayMetrics,
): Promise<SharedRedis> {
  const redis = new SharedRedis({
    ...settings,
    logger,
    onAvailabilityChange: (available) => metrics.sharedStoreUp.set(available ? 1 : 0),
  });
  metrics.sharedStoreUp.set(0);
  if (!(await redis.waitUntilReady(redisStartWaitMs))) {
    logger.warn(
      { reason: redis.lastError },
      'Redis did not answer at start-up: using this instance’s own state until it does',
    );
  }
  return redis;
}
