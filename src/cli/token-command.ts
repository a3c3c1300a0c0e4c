import type { Command } from 'commander';
import { exitTwoOnUsageError } from './cli-options.ts';
import { exitCodes } from './exit-codes.ts';
import { fetchFreshToken, tokenFileStore } from './fetch-fresh-token.ts';
import { formatDuration } from './format-duration.ts';
import { addGatewayOptions, GatewayClient, type GatewayFlags, reportClientError } from './gateway-client.ts';
import { type ConfigFlags, loadCliConfig } from './load-cli-config.ts';

interface TokenReport {
  state?: string;
  expiresAt?: string | null;
  ageSeconds?: number | null;
  lifetimeUsed?: number | null;
  fetches?: number;
  lastError?: string | null;
}

/** `sfgw token status | refresh`: the Salesforce access token, never its value. */
export function registerTokenCommand(program: Command): void {
  const token = exitTwoOnUsageError(program.command('token')).description(
    'inspect or refresh the Salesforce access token (the token itself is never printed)',
  );
  addGatewayOptions(token.command('status'))
    .description("show the running gateway's token: state, expiry, age, share of its lifetime used")
    .option('--json', 'print the token status as JSON')
    .action(async (flags: GatewayFlags & { json?: boolean }) => {
      process.exitCode = await showTokenStatus(flags);
    });
  token
    .command('refresh')
    .description('fetch a new token with the configured credentials and save it to TOKEN_CACHE_FILE')
    .option('-c, --config <file>', 'JSON config file (see `sfgw serve --help`)')
    .action(async (flags: ConfigFlags) => {
      process.exitCode = await refreshToken(flags);
    });
}

async function showTokenStatus(flags: GatewayFlags & { json?: boolean }): Promise<number> {
  let health: { token?: TokenReport };
  try {
    health = (await new GatewayClient(flags).getOk('/health')) as { token?: TokenReport };
  } catch (error) {
    return reportClientError(error);
  }
  const token = health.token ?? {};
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(token, null, 2)}\n`);
    return exitCodes.ok;
  }
  const lines = [`token: ${token.state ?? 'unknown'}`];
  if (token.state === 'empty') lines.push('  none yet: the gateway fetches one with its first request');
  if (token.expiresAt) {
    const left = (Date.parse(token.expiresAt) - Date.now()) / 1000;
    const when = left > 0 ? `in ${formatDuration(left)}` : `${formatDuration(-left)} ago`;
    lines.push(`  expires:        ${token.expiresAt} (${when})`);
  }
  if (typeof token.ageSeconds === 'number')
    lines.push(`  age:            ${formatDuration(token.ageSeconds)}`);
  if (typeof token.lifetimeUsed === 'number') {
    lines.push(`  lifetime used:  ${(token.lifetimeUsed * 100).toFixed(1)}%`);
  }
  if (typeof token.fetches === 'number') lines.push(`  fetches:        ${token.fetches}`);
  if (token.lastError) lines.push(`  last error:     ${token.lastError}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return exitCodes.ok;
}

async function refreshToken(flags: ConfigFlags): Promise<number> {
  const loaded = await loadCliConfig(flags);
  if (loaded === undefined) return exitCodes.badConfig;
  const { config } = loaded;
  if (config.demo || config.salesforce === null) {
    process.stderr.write(
      'sfgw: demo mode: the gateway takes its tokens from the built-in simulator; set the SALESFORCE_* credentials to refresh a real token.\n',
    );
    return exitCodes.badConfig;
  }
  const credentials = { ...config.salesforce };
  try {
    const token = await fetchFreshToken(credentials, config);
    const lines = [`obtained a new token; it expires ${new Date(token.expiresAt).toISOString()}`];
    if (config.tokenCacheFile !== null) {
      await tokenFileStore(config.tokenCacheFile, credentials).save(token);
      lines.push(`saved to ${config.tokenCacheFile}; a gateway starting from now on reuses it`);
    } else {
      lines.push('not saved: TOKEN_CACHE_FILE is empty');
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    return exitCodes.ok;
  } catch (error) {
    process.stderr.write(`sfgw: token request failed: ${(error as Error).message}\n`);
    return exitCodes.failure;
  }
}
