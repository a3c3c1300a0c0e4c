import { describe, expect, it } from 'vitest';
import { accessWith, apiKey } from './access-config.fixtures.ts';
import { createKnownSecretCensor } from './known-secret-censor.ts';

const access = (keys: string[]) => accessWith(keys.map((key) => apiKey(key)));

describe('createKnownSecretCensor', () => {
  it('censors the configured keys, consumer secret and Redis password, also JSON-escaped', () => {
    const censor = createKnownSecretCensor({
      access: access(['n8n-key-3a9c7e1b5d2f8a64', 'quote"key-000000000']),
      salesforce: {
        consumerKey: 'consumer-key',
        consumerSecret: 'consumer-secret-value',
        instanceUrl: 'https://example.my.salesforce.com',
        apiBaseUrl: undefined,
      },
      orgs: null,
      redis: { url: 'redis://:redis%2Fpassword@redis.internal:6379', keyPrefix: 'sfgw:' },
    });
    expect(
      censor.requestBody('keys n8n-key-3a9c7e1b5d2f8a64 and consumer-secret-value, redis/password', false),
    ).toBe('keys [redacted] and [redacted], [redacted]');
    expect(censor.requestBody(JSON.stringify({ content: 'quote"key-000000000' }), false)).toBe(
      '{"content":"[redacted]"}',
    );
    expect(censor.requestBody('nothing secret here', false)).toBe('nothing secret here');
  });

  it("censors every pool org's secret or private key", () => {
    const org = {
      consumerKey: 'key',
      instanceUrl: 'https://example.my.salesforce.com',
      apiBaseUrl: undefined,
    };
    const pool = [
      {
        ...org,
        name: 'eu',
        nativeApiBaseUrl: undefined,
        weight: 1,
        models: null,
        consumerSecret: 'eu-secret-value',
      },
      {
        ...org,
        name: 'us',
        nativeApiBaseUrl: undefined,
        weight: 1,
        models: null,
        jwtBearer: {
          username: 'gw@example.com',
          privateKeyPem: 'pem-text-of-the-key',
          audience: 'https://login.salesforce.com',
        },
      },
    ];
    const censor = createKnownSecretCensor({ access: access([]), salesforce: null, orgs: pool, redis: null });
    expect(censor.requestBody('eu-secret-value then pem-text-of-the-key, not gw@example.com', false)).toBe(
      '[redacted] then [redacted], not gw@example.com',
    );
  });

  it('censors what a cut at the byte bound left of a key, and only in a cut text', () => {
    const censor = createKnownSecretCensor({
      access: access(['n8n-key-3a9c7e1b5d2f8a64']),
      salesforce: null,
      orgs: null,
      redis: null,
    });
    expect(censor.requestBody('my key is n8n-key-3a9c', true)).toBe('my key is [redacted]');
    expect(censor.requestBody('my key is n8n-key-3a9c', false)).toBe('my key is n8n-key-3a9c');
    expect(censor.requestBody('ends in n8', true)).toBe('ends in n8');
  });

  it('leaves text alone when nothing is configured', () => {
    const censor = createKnownSecretCensor({ access: access([]), salesforce: null, orgs: null, redis: null });
    expect(censor.requestBody('n8n-key-3a9c7e1b5d2f8a64', true)).toBe('n8n-key-3a9c7e1b5d2f8a64');
  });
});
