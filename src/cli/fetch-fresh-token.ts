import type { Config } from '../config/schema.ts';
import { type ClientCredentials, requestAccessToken } from '../providers/salesforce/auth.ts';
import { tokenIdentity } from '../providers/salesforce/create-salesforce-provider.ts';
import { FileTokenStore } from '../transport/file-token-store.ts';
import { HttpClient } from '../transport/http-client.ts';
import type { CachedToken } from '../transport/token-store.ts';

const tokenRequestTimeoutMs = 30_000;

/** Asks Salesforce for a new access token with the configured credentials (never from a cache). */
export async function fetchFreshToken(credentials: ClientCredentials, config: Config): Promise<CachedToken> {
  const http = new HttpClient({
    connectionsPerOrigin: 1,
    keepAliveTimeoutMs: 1000,
    connectTimeoutMs: 10_000,
  });
  try {
    return await requestAccessToken(http, credentials, {
      fallbackTtlMs: config.token.fallbackTtlMs,
      timeoutMs: tokenRequestTimeoutMs,
      now: Date.now,
    });
  } finally {
    await http.close();
  }
}

/** The token file a gateway with these credentials reads at start-up. */
export function tokenFileStore(file: string, credentials: ClientCredentials): FileTokenStore {
  // the same identity the gateway uses, so a started gateway adopts the saved token
  return new FileTokenStore(file, tokenIdentity(credentials));
}
