import { describe, expect, it } from 'vitest';
import { accessWith, apiKey } from './access-config.fixtures.ts';
import { consoleRefusal } from './console-access.ts';

const key = (admin: boolean) => apiKey('k-0123456789abcdef', admin);

describe('consoleRefusal', () => {
  it('serves the console on loopback, and beyond it only with an admin key configured', () => {
    expect(consoleRefusal({ host: '127.0.0.1', access: accessWith([]) })).toBeNull();
    expect(consoleRefusal({ host: '0.0.0.0', access: accessWith([key(false), key(true)]) })).toBeNull();
    for (const apiKeys of [[], [key(false)]]) {
      const refusal = consoleRefusal({ host: '0.0.0.0', access: accessWith(apiKeys) });
      expect(refusal).toContain('"admin": true');
      expect(refusal).toContain('API_KEYS');
    }
  });
});
