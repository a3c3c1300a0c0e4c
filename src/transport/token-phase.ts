import type { CachedToken } from './token-store.ts';

/** Where a token stands against the refresh windows. */
export type TokenPhase = 'valid' | 'refresh-advised' | 'refresh-required';

/** The two refresh windows, in milliseconds before expiry. */
export interface RefreshWindows {
  advisoryWindowMs: number;
  mandatoryWindowMs: number;
}

/** Classifies a token; windows are capped at 1/2 (advisory) and 1/4 (mandatory) of its lifetime. */
export function tokenPhase(token: CachedToken, now: number, windows: RefreshWindows): TokenPhase {
  const lifetime = Math.max(0, token.expiresAt - token.obtainedAt);
  const remaining = token.expiresAt - now;
  if (remaining <= Math.min(windows.mandatoryWindowMs, lifetime / 4)) return 'refresh-required';
  if (remaining <= Math.min(windows.advisoryWindowMs, lifetime / 2)) return 'refresh-advised';
  return 'valid';
}

/** Share of the token's lifetime already gone, from 0 to 1. */
export function lifetimeUsed(token: CachedToken, now: number): number {
  const lifetime = token.expiresAt - token.obtainedAt;
  if (lifetime <= 0) return 1;
  return Math.min(1, Math.max(0, (now - token.obtainedAt) / lifetime));
}
