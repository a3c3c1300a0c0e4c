import { describe, expect, it } from 'vitest';
import { isJwt, mintAccessToken } from './access-token.ts';

function decodeSegment(segment: string | undefined): Record<string, unknown> {
  return JSON.parse(Buffer.from(segment ?? '', 'base64url').toString('utf8'));
}

describe('mintAccessToken', () => {
  const issuedAtMs = Date.UTC(2026, 0, 15, 12, 0, 0, 250);
  const minted = mintAccessToken({ orgId: '00DSM0000000001EAA', issuedAtMs, ttlSeconds: 1800 });
  const [header, payload, signature] = minted.token.split('.');

  it('has three base64url parts with a Salesforce-style header first', () => {
    expect(minted.token.split('.')).toHaveLength(3);
    expect(minted.token.startsWith('eyJ0bmsi')).toBe(true);
    expect(decodeSegment(header)).toEqual({ tnk: 'core/prod/00DSM0000000001EAA', alg: 'RS256' });
    expect(signature).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  });

  it('carries exp = iat + ttl in seconds, sfap_op and a jti', () => {
    const claims = decodeSegment(payload);
    const issuedAtSeconds = Math.floor(issuedAtMs / 1000);
    expect(claims).toEqual({
      exp: issuedAtSeconds + 1800,
      iat: issuedAtSeconds,
      sfap_op: 'EinsteinGenerativeService',
      jti: expect.any(String),
    });
    expect(minted.expiresAtMs).toBe((issuedAtSeconds + 1800) * 1000);
  });

  it('gives every token its own jti and signature', () => {
    const again = mintAccessToken({ orgId: '00DSM0000000001EAA', issuedAtMs, ttlSeconds: 1800 });
    expect(decodeSegment(again.token.split('.')[1]).jti).not.toBe(decodeSegment(payload).jti);
    expect(again.token).not.toBe(minted.token);
  });
});

describe('isJwt', () => {
  it('accepts a minted token', () => {
    expect(isJwt(mintAccessToken({ orgId: '00D', issuedAtMs: Date.now(), ttlSeconds: 60 }).token)).toBe(true);
  });

  it.each([
    ['an opaque session id', '00DSM0000000001!AQ4AQFakeSessionValue'],
    ['three parts that are not JSON', 'abc.def.ghi'],
    ['two parts', 'eyJhbGciOiJSUzI1NiJ9.e30'],
    ['a header without alg', `${Buffer.from('{"typ":"JWT"}').toString('base64url')}.e30.c2ln`],
  ])('rejects %s', (_label, token) => {
    expect(isJwt(token)).toBe(false);
  });
});
