import { splitCommaList } from './comma-list.ts';
import { ConfigError } from './config-error.ts';
import { parseHostList } from './host-list.ts';
import type { AccessConfig, ApiKey, Config, SettingName } from './schema.ts';
import { parseTrustedProxies } from './trusted-proxies.ts';

type Limit = 'requestsPerMinute' | 'maxConcurrent' | 'tokensPerDay' | 'tokensPerMonth' | 'requestsPerDay';
type KeyEntry = string | ({ key: string; admin?: boolean } & Partial<Record<Limit, number>>);

/** API keys with their limits filled in from the per-key defaults; refuses a key used twice. */
export function buildAccessConfig(values: Record<SettingName, unknown>): AccessConfig {
  const entries = Object.entries(values.API_KEYS as Record<string, KeyEntry>);
  const defaults: Record<Limit, number> = {
    requestsPerMinute: values.KEY_REQUESTS_PER_MINUTE as number,
    maxConcurrent: values.KEY_MAX_CONCURRENT as number,
    tokensPerDay: values.KEY_TOKENS_PER_DAY as number,
    tokensPerMonth: values.KEY_TOKENS_PER_MONTH as number,
    requestsPerDay: values.KEY_REQUESTS_PER_DAY as number,
  };
  const apiKeys: ApiKey[] = entries.map(([name, entry]) =>
    typeof entry === 'string'
      ? { name, key: entry, ...defaults, admin: false }
      : {
          name,
          key: entry.key,
          requestsPerMinute: entry.requestsPerMinute ?? defaults.requestsPerMinute,
          maxConcurrent: entry.maxConcurrent ?? defaults.maxConcurrent,
          tokensPerDay: entry.tokensPerDay ?? defaults.tokensPerDay,
          tokensPerMonth: entry.tokensPerMonth ?? defaults.tokensPerMonth,
          requestsPerDay: entry.requestsPerDay ?? defaults.requestsPerDay,
          admin: entry.admin === true,
        },
  );
  const seen = new Map<string, string>();
  for (const apiKey of apiKeys) {
    const earlier = seen.get(apiKey.key);
    if (earlier !== undefined) {
      throw new ConfigError(
        `API_KEYS gives ${earlier} and ${apiKey.name} the same key; give every client its own key.`,
      );
    }
    seen.set(apiKey.key, apiKey.name);
  }
  return {
    apiKeys,
    insecureNoAuth: values.INSECURE_NO_AUTH === true,
    // both validated by their schemas, so never undefined here
    allowedHosts: parseHostList(values.ALLOWED_HOSTS as string) ?? [],
    trustedProxies: parseTrustedProxies(values.TRUST_PROXY as string) ?? [],
    failedAuthentication: {
      limit: values.AUTH_FAILURE_LIMIT as number,
      windowMs: (values.AUTH_FAILURE_WINDOW_SECONDS as number) * 1000,
    },
  };
}

/** Refuses to listen beyond this machine with no API keys unless the operator said so explicitly. */
export function assertListeningIsProtected(config: Pick<Config, 'host' | 'access'>): void {
  if (config.access.apiKeys.length > 0 || config.access.insecureNoAuth || isLoopbackHost(config.host)) return;
  throw new ConfigError(
    `HOST ${config.host} accepts connections from other machines but API_KEYS is empty; set API_KEYS (e.g. {"n8n":"<long random key>"}), bind HOST=127.0.0.1, or pass --insecure-no-auth (INSECURE_NO_AUTH=true) to run without authentication.`,
  );
}

/** True for names and addresses that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    bare === 'localhost' ||
    bare === '::1' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare) ||
    /^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare)
  );
}

/** The CORS origin list from its comma-separated setting. */
export function parseOrigins(value: string): string[] {
  return splitCommaList(value)
    .map((origin) => origin.replace(/\/+$/, ''))
    .filter((origin) => origin !== '');
}
