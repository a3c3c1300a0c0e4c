import { describe, expect, it } from 'vitest';
import { mapTokenError, parseTokenResponse } from './auth.ts';
import { poolOrgCredentialNames } from './credential-names.ts';

const credentials = {
  consumerKey: 'key',
  consumerSecret: 'secret',
  instanceUrl: 'https://acme.my.salesforce.com',
  apiBaseUrl: undefined,
};
const now = () => 1_760_000_000_000;

function jwt(payload: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ tnk: 'core/prod/00Dxx0000000000EAA', alg: 'RS256' })}.${encode(payload)}.c2ln`;
}

function tokenBody(accessToken: string, extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    access_token: accessToken,
    signature: 'abc=',
    token_format: 'jwt',
    scope: 'sfap_api api',
    instance_url: 'https://acme.my.salesforce.com',
    id: 'https://login.salesforce.com/id/00D/005',
    token_type: 'Bearer',
    issued_at: '1760000000000',
    api_instance_url: 'https://api.salesforce.com',
    ...extra,
  });
}

describe('parseTokenResponse', () => {
  it("takes expiry from the JWT's exp claim and the Models API base from api_instance_url", () => {
    const token = parseTokenResponse(tokenBody(jwt({ exp: 1_760_001_800 })), credentials, {
      fallbackTtlMs: 1,
      now,
    });
    expect(token.expiresAt).toBe(1_760_001_800_000);
    expect(token.obtainedAt).toBe(1_760_000_000_000);
    expect(token.apiBaseUrl).toBe('https://api.salesforce.com/einstein/platform/v1');
    expect(token.instanceUrl).toBe('https://acme.my.salesforce.com');
    expect(token.apiInstanceUrl).toBe('https://api.salesforce.com');
  });

  it('falls back to the configured TTL when the token is not a readable JWT', () => {
    const token = parseTokenResponse(tokenBody('00Dxx!opaque'), credentials, { fallbackTtlMs: 60_000, now });
    expect(token.expiresAt).toBe(1_760_000_060_000);
  });

  it('prefers a configured API base URL', () => {
    const token = parseTokenResponse(
      tokenBody(jwt({ exp: 1 })),
      { ...credentials, apiBaseUrl: 'https://api.example.test/custom' },
      { fallbackTtlMs: 1, now },
    );
    expect(token.apiBaseUrl).toBe('https://api.example.test/custom');
  });

  it('explains a missing api_instance_url as a missing sfap_api scope', () => {
    const body = tokenBody(jwt({ exp: 1 }), { api_instance_url: undefined });
    expect(() => parseTokenResponse(body, credentials, { fallbackTtlMs: 1, now })).toThrow(/sfap_api scope/);
  });

  it('assumes the documented API host when a JWT bearer token response names none', () => {
    const body = tokenBody(jwt({ exp: 1 }), { api_instance_url: undefined });
    const signing = {
      consumerKey: 'key',
      instanceUrl: 'https://acme.my.salesforce.com',
      apiBaseUrl: undefined,
      jwtBearer: {
        username: 'gw@acme.com',
        privateKeyPem: 'unused here',
        audience: 'https://login.salesforce.com',
      },
    };
    const token = parseTokenResponse(body, signing, { fallbackTtlMs: 1, now });
    expect(token.apiBaseUrl).toBe('https://api.salesforce.com/einstein/platform/v1');
    expect(token.apiInstanceUrl).toBe('https://api.salesforce.com');
  });

  it('gives the JWT bearer flow its own hints', () => {
    const refused = (error: string) =>
      mapTokenError(400, JSON.stringify({ error, error_description: 'x' }), 'jwt_bearer').message;
    expect(refused('invalid_grant')).toMatch(/SALESFORCE_USERNAME.*pre-authorized.*certificate.*clock/);
    expect(refused('unsupported_grant_type')).toMatch(/JWT bearer flow/);
    expect(refused('invalid_grant')).not.toMatch(/Run As/);
  });

  it("names a pool org's own fields in its hints", () => {
    const names = poolOrgCredentialNames('eu');
    const refused = (error: string, flow: 'client_credentials' | 'jwt_bearer') =>
      mapTokenError(400, JSON.stringify({ error }), flow, names).message;
    expect(refused('invalid_client', 'client_credentials')).toContain(
      'Check consumerSecret of the SALESFORCE_ORGS entry "eu".',
    );
    expect(refused('invalid_grant', 'jwt_bearer')).toContain('jwtAudience of the SALESFORCE_ORGS entry "eu"');
    expect(refused('something_else', 'client_credentials')).toContain('Check the SALESFORCE_ORGS entry "eu"');
  });

  it('refuses a response without an access token', () => {
    expect(() => parseTokenResponse('{}', credentials, { fallbackTtlMs: 1, now })).toThrow(
      /without an access token/,
    );
  });
});

describe('mapTokenError', () => {
  it('turns a credential refusal into a non-retryable error with a setup hint', () => {
    const error = mapTokenError(
      400,
      JSON.stringify({ error: 'invalid_client', error_description: 'invalid client credentials' }),
    );
    expect(error).toMatchObject({ kind: 'upstream_error', code: 'upstream_auth_failed', retryable: false });
    expect(error.message).toContain('invalid_client: invalid client credentials');
    expect(error.message).toContain('SALESFORCE_CONSUMER_SECRET');
  });

  it('treats 5xx from the token endpoint as transient', () => {
    const error = mapTokenError(
      503,
      JSON.stringify({ error: 'unknown_error', error_description: 'retry your request' }),
    );
    expect(error).toMatchObject({ kind: 'upstream_unavailable', retryable: true });
  });
});
