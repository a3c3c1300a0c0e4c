import { generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildJwtBearerAssertion } from './jwt-bearer-assertion.ts';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privateKeyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
const grant = { username: 'gateway@acme.com', privateKeyPem, audience: 'https://test.salesforce.com' };
const decode = (segment: string | undefined) =>
  JSON.parse(Buffer.from(segment ?? '', 'base64url').toString('utf8'));

describe('buildJwtBearerAssertion', () => {
  it('signs an RS256 JWT for the app, the user and the login server, valid for two minutes', () => {
    const assertion = buildJwtBearerAssertion('consumer-key', grant, 1_700_000_000_500);
    const [header, claims, signature] = assertion.split('.');
    expect(decode(header)).toEqual({ alg: 'RS256', typ: 'JWT' });
    expect(decode(claims)).toEqual({
      iss: 'consumer-key',
      sub: 'gateway@acme.com',
      aud: 'https://test.salesforce.com',
      exp: 1_700_000_120,
    });
    const signed = verify(
      'sha256',
      Buffer.from(`${header}.${claims}`),
      publicKey,
      Buffer.from(signature ?? '', 'base64url'),
    );
    expect(signed).toBe(true);
  });

  it('signs with the key given: another key does not verify it', () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
    const [header, claims, signature] = buildJwtBearerAssertion('consumer-key', grant, Date.now()).split('.');
    expect(
      verify('sha256', Buffer.from(`${header}.${claims}`), other, Buffer.from(signature ?? '', 'base64url')),
    ).toBe(false);
  });
});
