import cluster from 'node:cluster';
import type { Command } from 'commander';
import { createLogger } from '../observability/logger.ts';
import { simulatorUrlVariable } from '../server/cluster-messages.ts';
import { resolveWorkerCount } from '../server/cluster-primary.ts';
import { exitCodes } from './exit-codes.ts';
import { type ConfigFlags, loadCliConfig } from './load-cli-config.ts';

/** `sfgw serve`: run the gateway in the foreground. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve', { isDefault: true })
    .description(
      'run the gateway in the foreground (demo mode with the built-in simulator when no credentials are set)',
    )
    .option('-p, --port <port>', 'port to listen on (PORT, default 8000)')
    .option('-H, --host <host>', 'interface to bind (HOST, default 127.0.0.1)')
    .option(
      '-c, --config <file>',
      'JSON config file (else SFGW_CONFIG, then ./sfgw.config.json, ./config.json, then the package root)',
    )
    .option('--log-level <level>', 'log level (LOG_LEVEL, default info)')
    .option(
      '-w, --workers <count>',
      'worker processes sharing the port, or auto for one per CPU core (WORKERS, default 1)',
    )
    .option(
      '--insecure-no-auth',
      "allow a non-loopback HOST without API_KEYS: anyone who can reach the port can spend your org's requests (INSECURE_NO_AUTH)",
    )
    .action(async (flags: ConfigFlags) => {
      const { config, file, warnings } = await loadConfigOrExit(flags);
      const logger = createLogger(config.logLevel, process.stdout.isTTY === true);
      // A cluster worker runs this same command again; the primary has already said what matters.
      if (cluster.isWorker) {
        const simulatorUrl = process.env[simulatorUrlVariable];
        const workerLogger = logger.child({ worker: cluster.worker?.id });
        const { serveProcess } = await import('./serve-process.ts');
        return serveProcess(config, { logger: workerLogger, configFile: file, simulatorUrl });
      }
      for (const warning of warnings) logger.warn(warning);
      const workers = resolveWorkerCount(config.workers);
      // the gateway itself is loaded only here, so the other commands start quickly
      if (workers > 1) return (await import('./serve-cluster.ts')).serveCluster(config, workers, logger);
      return (await import('./serve-process.ts')).serveProcess(config, { logger, configFile: file });
    });
}

async function loadConfigOrExit(flags: ConfigFlags) {
  const loaded = await loadCliConfig(flags);
  if (!loaded) process.exit(exitCodes.badConfig);
  return loaded;
}
