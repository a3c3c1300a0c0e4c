import type { CircuitBreaker } from './circuit-breaker.ts';

/** The cache's state for health checks and metrics. */
export interface TokenStatus {
  state: 'empty' | 'valid' | 'refresh-advised' | 'refresh-required';
  expiresAt: number | null;
  obtainedAt: number | null;
  ageMs: number | null;
  /** 0..1 */
  lifetimeUsed: number | null;
  fetches: number;
  hits: number;
  misses: number;
  refreshing: boolean;
  lastError: string | null;
  breaker: ReturnType<CircuitBreaker['snapshot']>;
  /** Where the current token says the API lives. */
  apiBaseUrl: string | null;
}
