/** An access token and what the gateway needs to know about it. */
export interface CachedToken {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  /** Epoch milliseconds. */
  obtainedAt: number;
  apiBaseUrl: string;
  instanceUrl: string;
}

/** Somewhere a token outlives the process (a file, Redis). */
export interface TokenStore {
  load(): Promise<CachedToken | undefined>;
  save(token: CachedToken): Promise<void>;
  clear(): Promise<void>;
  /** Runs task while no other process sharing the store runs its own; lets them fetch one token. */
  withLock?<T>(task: () => Promise<T>): Promise<T>;
}
