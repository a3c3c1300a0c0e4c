import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { ConfigError, loadConfig } from '../config/load.ts';
import type { SettingName } from '../config/schema.ts';
import { startServer } from '../index.ts';
import { createLogger } from '../observability/logger.ts';
import { printDemoBanner } from './demo-banner.ts';

interface ServeFlags {
  port?: string;
  host?: string;
  config?: string;
  logLevel?: string;
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
    .action(async (flags: ServeFlags) => {
      const loaded = await loadConfigOrExit(flags);
      const logger = createLogger(loaded.config.logLevel, process.stdout.isTTY === true);
      for (const warning of loaded.warnings) logger.warn(warning);
      const server = await startServer(loaded.config, { logger, configFile: loaded.file });
      if (server.gateway.mode === 'demo') printDemoBanner(server.url);
      const shutdown = async (signal: string) => {
        logger.info({ signal }, 'shutting down');
        await server.close();
        process.exit(0);
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
}

async function loadConfigOrExit(flags: ServeFlags) {
  const overrides: Partial<Record<SettingName, unknown>> = {};
  if (flags.port !== undefined) overrides.PORT = flags.port;
  if (flags.host !== undefined) overrides.HOST = flags.host;
  if (flags.logLevel !== undefined) overrides.LOG_LEVEL = flags.logLevel;
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
