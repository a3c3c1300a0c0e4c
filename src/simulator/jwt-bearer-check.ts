// The JWT bearer grant as a Salesforce org checks it: the assertion must be an RS256 JWT signed
// with the key whose certificate the app holds, issued by the app (iss = consumer key), for the
// login server (aud) and a user pre-authorized for the app (sub), and not yet expired.
// Salesforce's wording for each refusal follows its OAuth error table; where the reference gives
// none ("invalid assertion", "audience is invalid", "expired authorization code") the text is the
// simulator's choice, and the gateway never depends on it.
import { verify } from 'node:crypto';
import type { TokenErrorBody } from './faults.ts';

/** What the simulated app accepts from the JWT bearer flow. */
export interface SimulatedJwtBearer {
  /** The public key (or certificate) in PEM form: the one uploaded to the app. */
  publicKeyPem: string;
  /** The user pre-authorized for the app. */
  username: string;
  /** The login server the assertion must name. */
  audience: string;
}

/** The grant type of the JWT bearer flow, as the form carries it. */
export const jwtBearerGrantType = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

// Salesforce allows a few minutes of clock difference on exp.
const clockSkewSeconds = 180;

/** A refusal of the assertion, or undefined when it is accepted. */
export function checkJwtBearerAssertion(
  assertion: string | undefined,
  expected: { clientId: string; jwtBearer: SimulatedJwtBearer; revoked: boolean; nowMs: number },
): TokenErrorBody | undefined {
  const invalidAssertion = { error: 'invalid_grant', error_description: 'invalid assertion' };
  const parts = assertion?.split('.') ?? [];
  const [header, claims] = parts.map(decodeSegment);
  if (parts.length !== 3 || header?.alg !== 'RS256' || claims === undefined) return invalidAssertion;
  if (claims.iss !== expected.clientId) {
    return { error: 'invalid_client_id', error_description: 'client identifier invalid' };
  }
  const [headerText, claimsText, signature] = parts as [string, string, string];
  const signed = verify(
    'sha256',
    Buffer.from(`${headerText}.${claimsText}`),
    expected.jwtBearer.publicKeyPem,
    Buffer.from(signature, 'base64url'),
  );
  if (!signed) return invalidAssertion;
  if (claims.aud !== expected.jwtBearer.audience) {
    return { error: 'invalid_grant', error_description: 'audience is invalid' };
  }
  if (expected.revoked || claims.sub !== expected.jwtBearer.username) {
    return { error: 'invalid_grant', error_description: "user hasn't approved this consumer" };
  }
  if (typeof claims.exp !== 'number' || claims.exp + clockSkewSeconds < expected.nowMs / 1000) {
    return { error: 'invalid_grant', error_description: 'expired authorization code' };
  }
  return undefined;
}

function decodeSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
