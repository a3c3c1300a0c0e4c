import cluster from 'node:cluster';
import type { Logger } from 'pino';
import { ConfigError } from '../config/config-error.ts';
import type { Config } from '../config/schema.ts';
import { startServer } from '../index.ts';
import { onShutdownRequest } from '../server/cluster-messages.ts';
import { handleShutdownSignals } from '../server/shutdown-signals.ts';
import { printDemoBanner } from './demo-banner.ts';
import { exitCodes } from './exit-codes.ts';

/** Time allowed beyond SHUTDOWN_TIMEOUT_MS for ending streams and closing pools before a forced exit. */
export const shutdownBackstopMarginMs = 5000;

/** How one gateway process runs. */
export interface ServeProcessOptions {
  logger: Logger;
  configFile: string | null;
  /** A cluster worker in demo mode: the primary's simulator. */
  simulatorUrl?: string;
}

/** Runs one gateway process (alone, or as a cluster worker) until a signal or the primary stops it. */
export async function serveProcess(config: Config, options: ServeProcessOptions): Promise<void> {
  const { logger } = options;
  const starting = startServer(config, {
    logger,
    configFile: options.configFile,
    simulatorUrl: options.simulatorUrl,
  });
  // Installed before the server is up, so a stop asked for during start-up is not lost.
  const beginShutdown = handleShutdownSignals({
    logger,
    backstopMs: config.shutdownTimeoutMs + shutdownBackstopMarginMs,
    shutdown: async (reason) => {
      const server = await starting;
      const drained = server.shutdown(config.shutdownTimeoutMs);
      logger.info(
        { reason, timeoutMs: config.shutdownTimeoutMs, inFlight: server.gateway.shutdown.inFlight },
        'shutting down: new connections are refused, in-flight requests may finish',
      );
      logger.info(await drained, 'shut down');
      return exitCodes.ok;
    },
  });
  if (cluster.isWorker) onShutdownRequest(() => beginShutdown('primary'));
  const server = await starting.catch((error: unknown) => {
    // settings that only the gateway can check (a model name against its catalog) fail here
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`sfgw: configuration error: ${error.message}\n`);
    process.exit(exitCodes.badConfig);
  });
  if (server.gateway.mode === 'demo' && cluster.isPrimary) printDemoBanner(server.url);
}
