import cluster from 'node:cluster';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { ConfigError, loadConfig } from '../config/load.ts';
import type { SettingName } from '../config/schema.ts';
import { createLogger } from '../observability/logger.ts';
import { simulatorUrlVariable } from '../server/cluster-messages.ts';
import { resolveWorkerCount } from '../server/cluster-primary.ts';
import { serveCluster } from './serve-cluster.ts';
import { serveProcess } from './serve-process.ts';

interface ServeFlags {
  port?: string;
  host?: string;
  config?: string;
  logLevel?: string;
  workers?: string;
}

// the package root holds package.json, two levels above this file in both src/ and dist/
const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

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
    .action(async (flags: ServeFlags) => {
      const { config, file, warnings } = await loadConfigOrExit(flags);
      const logger = createLogger(config.logLevel, process.stdout.isTTY === true);
      // A cluster worker runs this same command again; the primary has already said what matters.
      if (cluster.isWorker) {
        const simulatorUrl = process.env[simulatorUrlVariable];
        const workerLogger = logger.child({ worker: cluster.worker?.id });
        return serveProcess(config, { logger: workerLogger, configFile: file, simulatorUrl });
      }
      for (const warning of warnings) logger.warn(warning);
      const workers = resolveWorkerCount(config.workers);
      if (workers > 1) return serveCluster(config, workers, logger);
      return serveProcess(config, { logger, configFile: file });
    });
}

async function loadConfigOrExit(flags: ServeFlags) {
  const overrides: Partial<Record<SettingName, unknown>> = {};
  if (flags.port !== undefined) overrides.PORT = flags.port;
  if (flags.host !== undefined) overrides.HOST = flags.host;
  if (flags.logLevel !== undefined) overrides.LOG_LEVEL = flags.logLevel;
  if (flags.workers !== undefined) overrides.WORKERS = flags.workers;
  try {
    return await loadConfig({
      flags: overrides,
      environment: process.env,
      configPath: flags.config,
      workingDirectory: process.cwd(),
      packageRoot,
    });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`sfgw: configuration error: ${error.message}\n`);
    process.exit(2);
  }
}
