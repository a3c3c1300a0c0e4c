import { isJwt, type MintedToken, mintAccessToken } from './access-token.ts';

/** Verdict on a bearer token presented to the Models API. */
export type TokenCheck = 'valid' | 'not-jwt' | 'unknown' | 'revoked' | 'expired';

const pruneThreshold = 1000;

interface IssuedToken {
  expiresAtMs: number;
  revoked: boolean;
}

/** Tokens the simulator has issued, with revocation and expiry. */
export class TokenStore {
  readonly #issued = new Map<string, IssuedToken>();
  readonly #orgId: string;
  readonly #clock: () => number;
  readonly #initialTtlSeconds: number;
  #ttlSeconds: number;

  constructor(orgId: string, ttlSeconds: number, clock: () => number) {
    this.#orgId = orgId;
    this.#clock = clock;
    this.#initialTtlSeconds = ttlSeconds;
    this.#ttlSeconds = ttlSeconds;
  }

  /** Mints and remembers a new token; past a thousand tokens, forgets the dead ones (they then read as unknown). */
  issue(issuedAtMs: number): MintedToken {
    if (this.#issued.size >= pruneThreshold) this.#forgetDeadTokens(issuedAtMs);
    const minted = mintAccessToken({ orgId: this.#orgId, issuedAtMs, ttlSeconds: this.#ttlSeconds });
    this.#issued.set(minted.token, { expiresAtMs: minted.expiresAtMs, revoked: false });
    return minted;
  }

  /** Classifies a presented bearer token. */
  check(token: string): TokenCheck {
    const issued = this.#issued.get(token);
    if (issued === undefined) return isJwt(token) ? 'unknown' : 'not-jwt';
    if (issued.revoked) return 'revoked';
    return issued.expiresAtMs <= this.#clock() ? 'expired' : 'valid';
  }

  /** Lifetime of tokens minted from now on. */
  setTtlSeconds(seconds: number): void {
    this.#ttlSeconds = seconds;
  }

  /** Every token issued so far stops working. */
  revokeAll(): void {
    for (const issued of this.#issued.values()) issued.revoked = true;
  }

  /** Every token issued so far counts as expired. */
  expireAll(): void {
    const now = this.#clock();
    for (const issued of this.#issued.values()) issued.expiresAtMs = Math.min(issued.expiresAtMs, now);
  }

  #forgetDeadTokens(now: number): void {
    for (const [token, issued] of this.#issued) {
      if (issued.revoked || issued.expiresAtMs <= now) this.#issued.delete(token);
    }
  }

  /** Restores the start-up lifetime; tokens already issued keep their state. */
  reset(): void {
    this.#ttlSeconds = this.#initialTtlSeconds;
  }
}
