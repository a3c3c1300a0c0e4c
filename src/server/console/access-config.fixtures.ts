import type { AccessConfig, ApiKey } from '../../config/schema.ts';

/** A key of the client "n8n" without limits; `admin` says whether it may use the console. */
export function apiKey(key: string, admin = false): ApiKey {
  return {
    name: 'n8n',
    key,
    requestsPerMinute: 0,
    maxConcurrent: 0,
    tokensPerDay: 0,
    tokensPerMonth: 0,
    requestsPerDay: 0,
    admin,
  };
}

/** Access settings holding `apiKeys` and nothing else of note. */
export function accessWith(apiKeys: ApiKey[]): AccessConfig {
  return {
    apiKeys,
    insecureNoAuth: false,
    allowedHosts: [],
    failedAuthentication: { limit: 0, windowMs: 1 },
    trustedProxies: [],
  };
}
