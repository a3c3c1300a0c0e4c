/** An access token and what the gateway needs to know about it. */
export interface CachedToken {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  /** Epoch milliseconds. */
  obtainedAt: number;
  apiBaseUrl: string;
  instanceUrl: string;
  /** The token response's api_instance_url, the origin of the native surface; absent when it sent none. */
  apiInstanceUrl?: string;
}

/** Somewhere a token outlives the process (a file, Redis). */
export interface TokenStore {
  load(): Promise<CachedToken | undefined>;
  save(token: CachedToken): Promise<void>;
  /** Deletes the stored token; given an access token, only while the stored one is that token, so a
   * newer token another process saved meanwhile survives. */
  clear(accessToken?: string): Promise<void>;
  /** Runs task while no other process sharing the store runs its own; lets them fetch one token. */
  withLock?<T>(task: () => Promise<T>): Promise<T>;
}

/** A token read back from storage, or undefined when it is not a complete token. */
export function readStoredToken(value: unknown): CachedToken | undefined {
  if (!isRecord(value)) return undefined;
  const { accessToken, expiresAt, obtainedAt, apiBaseUrl, instanceUrl, apiInstanceUrl } = value;
  if (typeof accessToken !== 'string' || accessToken === '') return undefined;
  if (!Number.isFinite(expiresAt) || !Number.isFinite(obtainedAt)) return undefined;
  if (typeof apiBaseUrl !== 'string' || typeof instanceUrl !== 'string') return undefined;
  return {
    accessToken,
    expiresAt: expiresAt as number,
    obtainedAt: obtainedAt as number,
    apiBaseUrl,
    instanceUrl,
    // Tokens saved before the native surface existed have none: they still serve the Models API.
    ...(typeof apiInstanceUrl === 'string' ? { apiInstanceUrl } : {}),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
