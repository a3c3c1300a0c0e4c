import { afterAll, beforeAll } from 'vitest';
import { type Simulator, startSimulator } from '../../src/simulator/simulator.ts';
import { type GatewayStack, startGatewayStack } from './gateway-stack.ts';
import { startTestRedis, type TestRedis } from './redis-server.ts';
import { sharedRedisUrl } from './shared-redis-url.ts';

/** What useGatewayPair started: the two gateways, and the Redis when it is the test's own. */
export interface GatewayPair {
  gateways: GatewayStack[];
  /** Set with `ownRedis`: a Redis the test may stop and start again. */
  ownRedis?: TestRedis;
}

/**
 * Starts, before the describe block's tests, a simulator, a Redis (the run's shared one, or with
 * `ownRedis` one of the block's own) and two gateways on them with `settings`; stops all after.
 */
export function useGatewayPair(settings: Record<string, string> = {}, ownRedis = false): GatewayPair {
  const pair: GatewayPair = { gateways: [] };
  let simulator: Simulator | undefined;
  let closeRedis = async () => {};
  beforeAll(async () => {
    simulator = await startSimulator({ port: 0 });
    let url: string;
    if (ownRedis) {
      const own = await startTestRedis();
      pair.ownRedis = own;
      ({ url } = own);
      closeRedis = () => own.stop();
    } else {
      const shared = await sharedRedisUrl();
      ({ url } = shared);
      closeRedis = () => shared.close();
    }
    pair.gateways = await startGatewayPair(simulator, url, settings);
  });
  afterAll(async () => {
    for (const gateway of pair.gateways) await gateway.close();
    await closeRedis();
    await simulator?.close();
  });
  return pair;
}

/** Two in-process gateways on one simulator and one Redis, under a key prefix of their own. */
async function startGatewayPair(
  simulator: Simulator,
  redisUrl: string,
  settings: Record<string, string> = {},
): Promise<GatewayStack[]> {
  // a prefix of its own, so runs sharing the CI's Redis never see each other's keys
  const shared = {
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: `sfgw-pair-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}:`,
    ...settings,
  };
  return [
    await startGatewayStack({ existingSimulator: simulator, settings: shared }),
    await startGatewayStack({ existingSimulator: simulator, settings: shared }),
  ];
}

/** Polls `condition` every 100 ms until it holds; throws after `timeoutMs`. */
export async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until the gateway's /health says its Redis is down. */
export function waitForRedisDown(url: string): Promise<void> {
  return waitFor(async () => {
    const health = (await (await fetch(`${url}/health`)).json()) as { sharedStore: { redis: string } };
    return health.sharedStore.redis === 'down';
  }, 5_000);
}
