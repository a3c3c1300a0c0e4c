import type { Simulator } from '../../src/simulator/simulator.ts';
import { type GatewayStack, startGatewayStack } from './gateway-stack.ts';

/** Two in-process gateways on one simulator and one Redis, under a key prefix of their own. */
export async function startGatewayPair(
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
