import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildJwtBearerAssertion } from '../providers/salesforce/jwt-bearer-assertion.ts';
import { checkJwtBearerAssertion } from './jwt-bearer-check.ts';

const pair = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const app = pair();
const pem = (keys: ReturnType<typeof pair>) => ({
  privateKeyPem: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  publicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }) as string,
});
const now = 1_800_000_000_000;
const jwtBearer = {
  publicKeyPem: pem(app).publicKeyPem,
  username: 'gw@acme.com',
  audience: 'https://login.salesforce.com',
};
const expected = { clientId: 'app-key', jwtBearer, revoked: false, nowMs: now };
const grant = {
  username: 'gw@acme.com',
  privateKeyPem: pem(app).privateKeyPem,
  audience: 'https://login.salesforce.com',
};
const assertionOf = (changes: Partial<typeof grant> = {}, clientId = 'app-key', signedAt = now) =>
  buildJwtBearerAssertion(clientId, { ...grant, ...changes }, signedAt);

describe('checkJwtBearerAssertion', () => {
  it('accepts the app signing for its pre-authorized user and the login server', () => {
    expect(checkJwtBearerAssertion(assertionOf(), expected)).toBeUndefined();
  });

  it.each([
    ['no assertion', undefined, expected, 'invalid_grant'],
    ['a malformed assertion', 'a.b', expected, 'invalid_grant'],
    ['another app', assertionOf({}, 'other-key'), expected, 'invalid_client_id'],
    ['another key', assertionOf({ privateKeyPem: pem(pair()).privateKeyPem }), expected, 'invalid_grant'],
    [
      'another login server',
      assertionOf({ audience: 'https://test.salesforce.com' }),
      expected,
      'invalid_grant',
    ],
    ['another user', assertionOf({ username: 'someone@acme.com' }), expected, 'invalid_grant'],
    ['a revoked app', assertionOf(), { ...expected, revoked: true }, 'invalid_grant'],
    ['an expired assertion', assertionOf({}, 'app-key', now - 10 * 60_000), expected, 'invalid_grant'],
  ])('refuses %s', (_case, assertion, given, error) => {
    expect(checkJwtBearerAssertion(assertion, given)?.error).toBe(error);
  });

  it('allows a few minutes of clock difference on exp', () => {
    // signed 4 minutes ago: exp was 2 minutes ago, within the 3 minutes allowed
    expect(checkJwtBearerAssertion(assertionOf({}, 'app-key', now - 4 * 60_000), expected)).toBeUndefined();
  });
});
