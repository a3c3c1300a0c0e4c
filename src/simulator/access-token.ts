import { randomBytes, randomUUID } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';

/** A freshly minted access token and when it stops working. */
export interface MintedToken {
  token: string;
  expiresAtMs: number;
}

/** What the simulator needs to mint a token. */
export interface MintOptions {
  orgId: string;
  issuedAtMs: number;
  ttlSeconds: number;
}

function encodeSegment(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * Mints a JWT shaped like Salesforce's: header `{tnk, alg}` (so it starts with `eyJ0bmsi`), payload with
 * `exp`, `iat`, `sfap_op` and a unique `jti`. The signature part is random bytes: nobody verifies it,
 * the simulator recognises its tokens by exact match.
 */
export function mintAccessToken(options: MintOptions): MintedToken {
  const issuedAtSeconds = Math.floor(options.issuedAtMs / 1000);
  const expiresAtSeconds = issuedAtSeconds + options.ttlSeconds;
  const header = encodeSegment({ tnk: `core/prod/${options.orgId}`, alg: 'RS256' });
  const payload = encodeSegment({
    exp: expiresAtSeconds,
    iat: issuedAtSeconds,
    sfap_op: 'EinsteinGenerativeService',
    jti: randomUUID(),
  });
  const signature = randomBytes(64).toString('base64url');
  return { token: `${header}.${payload}.${signature}`, expiresAtMs: expiresAtSeconds * 1000 };
}

/** True when `token` has three parts whose first two decode to a JWT header (with `alg`) and a claims object. */
export function isJwt(token: string): boolean {
  if (token.split('.').length !== 3) return false;
  try {
    const header = decodeProtectedHeader(token);
    decodeJwt(token);
    return typeof header.alg === 'string';
  } catch {
    return false;
  }
}
