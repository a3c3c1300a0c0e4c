import { createHmac, randomBytes } from 'node:crypto';
import type { MintedToken } from './access-token.ts';

/** The client-credentials token response, field for field as Salesforce sends it (no `expires_in`). */
export interface TokenResponse {
  access_token: string;
  signature: string;
  /** Only from an app that issues JWT-based access tokens. */
  token_format?: 'jwt';
  scope: string;
  instance_url: string;
  id: string;
  token_type: 'Bearer';
  issued_at: string;
  api_instance_url: string;
}

/** What the token response is built from. */
export interface TokenResponseInput {
  minted: MintedToken;
  issuedAtMs: number;
  /** The simulator's own base URL: both the My Domain and the api host. */
  baseUrl: string;
  orgId: string;
  clientSecret: string;
  /** False: the app lacks the JWT setting, so the token is an opaque session id and no token_format is sent. */
  jwtTokens: boolean;
}

// A fixed Run As user: client credentials always act as the one user configured on the app policy.
const runAsUserId = '005SM0000000001AAA';

/** Builds the 200 body; `signature` is Salesforce's HMAC-SHA256 over `id` + `issued_at`, keyed with the secret. */
export function buildTokenResponse(input: TokenResponseInput): TokenResponse {
  const id = `https://login.salesforce.com/id/${input.orgId}/${runAsUserId}`;
  const issuedAt = String(input.issuedAtMs);
  return {
    access_token: input.jwtTokens ? input.minted.token : opaqueSessionId(input.orgId),
    signature: createHmac('sha256', input.clientSecret)
      .update(id + issuedAt)
      .digest('base64'),
    ...(input.jwtTokens ? { token_format: 'jwt' as const } : {}),
    scope: 'sfap_api api',
    instance_url: input.baseUrl,
    id,
    token_type: 'Bearer',
    issued_at: issuedAt,
    api_instance_url: input.baseUrl,
  };
}

// The `00D…!…` kind that `sf org display` shows: the org id, '!', and an opaque tail.
function opaqueSessionId(orgId: string): string {
  return `${orgId.slice(0, 15)}!${randomBytes(48).toString('base64url')}`;
}
