import type { Logger } from 'pino';
import type { Config } from '../config/schema.ts';
import { simulatorUrlVariable } from '../server/cluster-messages.ts';
import { startCluster } from '../server/cluster-primary.ts';
import { handleShutdownSignals } from '../server/shutdown-signals.ts';
import { startUpstream } from '../start-upstream.ts';
import { printDemoBanner } from './demo-banner.ts';
import { exitCodes } from './exit-codes.ts';
import { shutdownBackstopMarginMs } from './serve-process.ts';

/** `sfgw serve --workers N` in the primary: forks the workers, and in demo mode runs the one simulator they share. */
export async function serveCluster(config: Config, workers: number, logger: Logger): Promise<void> {
  if (!config.demo && config.tokenCacheFile === null) {
    logger.warn('TOKEN_CACHE_FILE is empty, so every worker fetches its own Salesforce token');
  }
  // One simulator for every worker, so that they all talk to the same fake org.
  const { simulator, close: closeUpstream } = await startUpstream(config);
  let failed = false;
  const running = startCluster({
    workers,
    host: config.host,
    logger,
    workerEnvironment: simulator ? { [simulatorUrlVariable]: simulator.url } : {},
    onFailure: (reason) => {
      logger.error({ reason }, 'the cluster cannot keep its workers running; shutting down');
      failed = true;
      beginShutdown(reason);
    },
  });
  const beginShutdown = handleShutdownSignals({
    logger,
    // the workers drain within their own backstop; the primary waits a little longer
    backstopMs: config.shutdownTimeoutMs + 2 * shutdownBackstopMarginMs,
    exit: (code) => {
      running.kill();
      process.exit(code);
    },
    shutdown: async (reason) => {
      logger.info({ reason, workers }, 'shutting down: every worker drains its requests');
      const code = await running.shutdown();
      await closeUpstream();
      return failed ? exitCodes.failure : code;
    },
  });
  const url = await running.listening;
  logger.info({ url, workers, mode: config.demo ? 'demo' : 'live' }, 'sf-models-gateway cluster listening');
  if (simulator) printDemoBanner(url);
}
