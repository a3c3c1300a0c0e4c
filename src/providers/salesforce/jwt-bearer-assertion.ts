// The OAuth 2.0 JWT bearer flow's assertion: a JWT the gateway signs with the app's private key
// (RS256), naming the app (iss), the user it acts as (sub) and the login server (aud). Node's own
// crypto signs it: a JWT library would cost every process its load for these few lines.
import { sign } from 'node:crypto';
import type { JwtBearerSettings } from '../../config/org-proof.ts';

// Salesforce refuses an assertion whose exp lies more than about three minutes ahead; two leave
// room for a clock a little ahead of Salesforce's.
const assertionLifetimeSeconds = 120;

/** The signed assertion for one token request (`grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer`); the key was checked when the config was loaded. */
export function buildJwtBearerAssertion(
  consumerKey: string,
  grant: JwtBearerSettings,
  nowMs: number,
): string {
  const header = encodeSegment({ alg: 'RS256', typ: 'JWT' });
  const claims = encodeSegment({
    iss: consumerKey,
    sub: grant.username,
    aud: grant.audience,
    exp: Math.floor(nowMs / 1000) + assertionLifetimeSeconds,
  });
  const signingInput = `${header}.${claims}`;
  const signature = sign('sha256', Buffer.from(signingInput), grant.privateKeyPem);
  return `${signingInput}.${signature.toString('base64url')}`;
}

function encodeSegment(value: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
