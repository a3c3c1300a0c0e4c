import { describe, expect, it } from 'vitest';
import type { ApiKey } from '../../config/schema.ts';
import { createKnownSecretCensor } from './known-secret-censor.ts';

const apiKey = (key: string): ApiKey => ({
  name: 'n8n',
  key,
  requestsPerMinute: 0,
  maxConcurrent: 0,
  admin: false,
});
const access = (keys: string[]) => ({
  apiKeys: keys.map(apiKey),
  insecureNoAuth: false,
  allowedHosts: [],
  failedAuthentication: { limit: 0, windowMs: 1 },
  trustedProxies: [],
});

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
      redis: { url: 'redis://:redis%2Fpassword@redis.internal:6379', keyPrefix: 'sfgw:' },
    });
    expect(censor('keys n8n-key-3a9c7e1b5d2f8a64 and consumer-secret-value, redis/password')).toBe(
      'keys [redacted] and [redacted], [redacted]',
    );
    expect(censor(JSON.stringify({ content: 'quote"key-000000000' }))).toBe('{"content":"[redacted]"}');
    expect(censor('nothing secret here')).toBe('nothing secret here');
  });

  it('leaves text alone when nothing is configured', () => {
    const censor = createKnownSecretCensor({ access: access([]), salesforce: null, redis: null });
    expect(censor('n8n-key-3a9c7e1b5d2f8a64')).toBe('n8n-key-3a9c7e1b5d2f8a64');
  });
});
