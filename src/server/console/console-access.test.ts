import { describe, expect, it } from 'vitest';
import type { ApiKey } from '../../config/schema.ts';
import { consoleRefusal } from './console-access.ts';

const key = (admin: boolean): ApiKey => ({
  name: 'n8n',
  key: 'k-0123456789abcdef',
  requestsPerMinute: 0,
  maxConcurrent: 0,
  admin,
});
const access = (apiKeys: ApiKey[]) => ({
  apiKeys,
  insecureNoAuth: true,
  allowedHosts: [],
  failedAuthentication: { limit: 0, windowMs: 1 },
  trustedProxies: [],
});

describe('consoleRefusal', () => {
  it('serves the console on loopback, and beyond it only with an admin key configured', () => {
    expect(consoleRefusal({ host: '127.0.0.1', access: access([]) })).toBeNull();
    expect(consoleRefusal({ host: '0.0.0.0', access: access([key(false), key(true)]) })).toBeNull();
    for (const apiKeys of [[], [key(false)]]) {
      const refusal = consoleRefusal({ host: '0.0.0.0', access: access(apiKeys) });
      expect(refusal).toContain('"admin": true');
      expect(refusal).toContain('API_KEYS');
    }
  });
});
