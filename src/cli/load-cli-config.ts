import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, type LoadedConfig, loadConfig } from '../config/load.ts';
import type { SettingName } from '../config/schema.ts';

/** Config-related flags a command may take. */
export interface ConfigFlags {
  config?: string;
  port?: string;
  host?: string;
  logLevel?: string;
  workers?: string;
  /** --insecure-no-auth: listen beyond loopback without API keys. */
  insecureNoAuth?: boolean;
}

// the package root holds package.json, two levels above this file in both src/ and dist/
const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Loads the config as `serve` does; on a config error prints one line and returns undefined. */
export async function loadCliConfig(flags: ConfigFlags): Promise<LoadedConfig | undefined> {
  const overrides: Partial<Record<SettingName, unknown>> = {};
  if (flags.port !== undefined) overrides.PORT = flags.port;
  if (flags.host !== undefined) overrides.HOST = flags.host;
  if (flags.logLevel !== undefined) overrides.LOG_LEVEL = flags.logLevel;
  if (flags.workers !== undefined) overrides.WORKERS = flags.workers;
  if (flags.insecureNoAuth === true) overrides.INSECURE_NO_AUTH = true;
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
    return undefined;
  }
}
