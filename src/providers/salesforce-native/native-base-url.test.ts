import { describe, expect, it } from 'vitest';
import type { CachedToken } from '../../transport/token-store.ts';
import { nativeBaseUrl } from './native-base-url.ts';

const token: CachedToken = {
  accessToken: 't',
  expiresAt: 2,
  obtainedAt: 1,
  apiBaseUrl: 'https://api.salesforce.com/einstein/platform/v1',
  instanceUrl: 'https://acme.my.salesforce.com',
};

describe('nativeBaseUrl', () => {
  it('prefers the configured base', () => {
    expect(
      nativeBaseUrl('https://proxy.test/ai/gpt/v1', { ...token, apiInstanceUrl: 'https://x.test' }),
    ).toBe('https://proxy.test/ai/gpt/v1');
  });

  it("derives it from the token's api_instance_url", () => {
    expect(nativeBaseUrl(undefined, { ...token, apiInstanceUrl: 'https://api.gov.example' })).toBe(
      'https://api.gov.example/ai/gpt/v1',
    );
  });

  it('falls back to api.salesforce.com without one', () => {
    expect(nativeBaseUrl(undefined, token)).toBe('https://api.salesforce.com/ai/gpt/v1');
  });
});
