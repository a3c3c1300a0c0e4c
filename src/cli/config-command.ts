import type { Command } from 'commander';
import type { Config } from '../config/schema.ts';
import { exitTwoOnUsageError } from './cli-options.ts';
import { exitCodes } from './exit-codes.ts';
import { fetchFreshToken } from './fetch-fresh-token.ts';
import { type ConfigFlags, loadCliConfig } from './load-cli-config.ts';
import { flattenSettings, redactConfig } from './redact-config.ts';

interface CheckFlags extends ConfigFlags {
  json?: boolean;
}

type TokenCheck =
  | { outcome: 'demo' }
  | { outcome: 'ok'; expiresAt: string }
  | { outcome: 'failed'; reason: string };

/** `sfgw config check`: validate the config, prove the credentials, count the models. */
export function registerConfigCommand(program: Command): void {
  const config = exitTwoOnUsageError(program.command('config')).description('work with the configuration');
  config
    .command('check')
    .description(
      'validate the config, print the effective settings (secrets redacted), fetch a token; exit 2 on config errors, 1 on token failure',
    )
    .option('-c, --config <file>', 'JSON config file (see `sfgw serve --help`)')
    .option('-p, --port <port>', 'as for serve')
    .option('-H, --host <host>', 'as for serve')
    .option('--json', 'print the result as JSON')
    .action(async (flags: CheckFlags) => {
      process.exitCode = await checkConfig(flags);
    });
}

async function checkConfig(flags: CheckFlags): Promise<number> {
  const loaded = await loadCliConfig(flags);
  if (loaded === undefined) return exitCodes.badConfig;
  const { config, file, warnings } = loaded;
  const token = await checkToken(config);
  const { catalogSize, sharedStore } = await inspectGateway(config);
  const settings = redactConfig(config);
  const mode = config.demo ? 'demo' : 'live';
  if (flags.json) {
    const report = { file, warnings, mode, settings, token, catalogSize, sharedStore };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    const lines = [
      `config file: ${file ?? 'none (defaults and environment)'}`,
      ...warnings.map((warning) => `warning: ${warning}`),
      'settings:',
      ...flattenSettings(settings).map((line) => `  ${line}`),
      `mode: ${mode}`,
      `token: ${describeToken(token)}`,
      `catalog: ${catalogSize} model names`,
      `shared store: ${describeSharedStore(sharedStore)}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return token.outcome === 'failed' ? exitCodes.failure : exitCodes.ok;
}

async function checkToken(config: Config): Promise<TokenCheck> {
  if (config.demo || config.salesforce === null) return { outcome: 'demo' };
  try {
    const token = await fetchFreshToken({ ...config.salesforce }, config);
    return { outcome: 'ok', expiresAt: new Date(token.expiresAt).toISOString() };
  } catch (error) {
    return { outcome: 'failed', reason: (error as Error).message };
  }
}

function describeToken(token: TokenCheck): string {
  if (token.outcome === 'demo') {
    return 'not fetched: demo mode, the gateway would answer from its built-in Salesforce simulator';
  }
  return token.outcome === 'ok' ? `ok, expires ${token.expiresAt}` : `FAILED: ${token.reason}`;
}

// Built the way serve builds it, so aliases and MODEL_ALIASES count exactly as the gateway lists them;
// imported on use so that every other command starts without loading the whole gateway.
async function inspectGateway(config: Config): Promise<{ catalogSize: number; sharedStore: string }> {
  const { createGateway } = await import('../gateway.ts');
  const { createLogger } = await import('../observability/logger.ts');
  const { startUpstream } = await import('../start-upstream.ts');
  const upstream = await startUpstream(config);
  const gateway = await createGateway(config, { logger: createLogger('silent'), upstream });
  try {
    const health = await gateway.app.inject({ method: 'GET', url: '/health' });
    return {
      catalogSize: gateway.listModels().length,
      sharedStore: (health.json() as { sharedStore: { redis: string } }).sharedStore.redis,
    };
  } finally {
    await gateway.close();
  }
}

function describeSharedStore(state: string): string {
  if (state === 'off') return 'none (REDIS_URL not set): token and limits are this instance’s own';
  return state === 'up' ? 'Redis reachable' : 'Redis NOT reachable: instances would each use their own state';
}
