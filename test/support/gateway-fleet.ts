import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Simulator } from '../../src/simulator/simulator.ts';
import { cleanEnvironment, type RunningCli, startCli } from './spawn-cli.ts';

/** Several gateway processes sharing one simulator and one Redis, each with its own token file. */
export interface GatewayFleet {
  /** Base URLs, one per process. */
  urls: string[];
  processes: RunningCli[];
  stop(): Promise<void>;
}

/** Starts `count` `sfgw serve` processes on free ports and waits until each has listened. */
export async function startGatewayFleet(options: {
  count: number;
  simulator: Simulator;
  redisUrl: string;
  settings?: Record<string, string>;
}): Promise<GatewayFleet> {
  const folder = await mkdtemp(path.join(tmpdir(), 'sfgw-fleet-'));
  // a prefix of its own, so fleets sharing the CI's Redis never see each other's keys
  const keyPrefix = `sfgw-test-${path.basename(folder)}:`;
  const processes = Array.from({ length: options.count }, (_, index) =>
    startCli(
      ['serve', '--port', '0'],
      cleanEnvironment({
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        HOME: folder,
        SALESFORCE_CONSUMER_KEY: options.simulator.clientId,
        SALESFORCE_CONSUMER_SECRET: options.simulator.clientSecret,
        SALESFORCE_INSTANCE_URL: options.simulator.url,
        TOKEN_CACHE_FILE: path.join(folder, `token-${index}.json`),
        USAGE_DB: path.join(folder, `usage-${index}.db`),
        REDIS_URL: options.redisUrl,
        REDIS_KEY_PREFIX: keyPrefix,
        UPSTREAM_RETRY_BASE_MS: '10',
        UPSTREAM_RETRY_MAX_MS: '50',
        ...options.settings,
      }),
    ),
  );
  const stop = async () => {
    await Promise.all(processes.map((running) => running.stop()));
  };
  try {
    const urls = await Promise.all(
      processes.map(async (running) => {
        const line = await running.waitForLine(/sf-models-gateway listening/, 20_000);
        return (JSON.parse(line) as { url: string }).url;
      }),
    );
    return { urls, processes, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
