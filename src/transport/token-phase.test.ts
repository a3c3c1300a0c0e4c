import { describe, expect, it } from 'vitest';
import { lifetimeUsed, tokenPhase } from './token-phase.ts';
import type { CachedToken } from './token-store.ts';

const minute = 60_000;
const windows = { advisoryWindowMs: 5 * minute, mandatoryWindowMs: 1 * minute };

function tokenFor(lifetimeMs: number): CachedToken {
  return { accessToken: 't', obtainedAt: 0, expiresAt: lifetimeMs, apiBaseUrl: 'a', instanceUrl: 'i' };
}

describe('tokenPhase', () => {
  it('applies the configured windows to a long-lived token, boundaries included', () => {
    const token = tokenFor(30 * minute);
    expect(tokenPhase(token, 25 * minute - 1, windows)).toBe('valid');
    expect(tokenPhase(token, 25 * minute, windows)).toBe('refresh-advised');
    expect(tokenPhase(token, 29 * minute - 1, windows)).toBe('refresh-advised');
    expect(tokenPhase(token, 29 * minute, windows)).toBe('refresh-required');
    expect(tokenPhase(token, 31 * minute, windows)).toBe('refresh-required');
  });

  it('caps the windows at a half and a quarter of a short lifetime', () => {
    const token = tokenFor(4 * minute);
    expect(tokenPhase(token, 2 * minute - 1, windows)).toBe('valid');
    expect(tokenPhase(token, 2 * minute, windows)).toBe('refresh-advised');
    expect(tokenPhase(token, 3 * minute, windows)).toBe('refresh-required');
  });

  it('treats a token with no lifetime as needing a refresh', () => {
    expect(tokenPhase(tokenFor(0), 0, windows)).toBe('refresh-required');
  });
});

describe('lifetimeUsed', () => {
  it('is the elapsed share of the lifetime, clamped to 0..1', () => {
    const token = tokenFor(40 * minute);
    expect(lifetimeUsed(token, 10 * minute)).toBe(0.25);
    expect(lifetimeUsed(token, -minute)).toBe(0);
    expect(lifetimeUsed(token, 50 * minute)).toBe(1);
    expect(lifetimeUsed(tokenFor(0), 0)).toBe(1);
  });
});
