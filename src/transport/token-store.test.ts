import { describe, expect, it } from 'vitest';
import { readStoredToken } from './token-store.ts';

const stored = {
  accessToken: 'a.b.c',
  expiresAt: 2,
  obtainedAt: 1,
  apiBaseUrl: 'https://api.salesforce.com/einstein/platform/v1',
  instanceUrl: 'https://acme.my.salesforce.com',
};

describe('readStoredToken', () => {
  it('keeps the api_instance_url a token was saved with', () => {
    const token = readStoredToken({ ...stored, apiInstanceUrl: 'https://api.salesforce.com' });
    expect(token?.apiInstanceUrl).toBe('https://api.salesforce.com');
  });

  it('still reads a token saved without one, leaving it out', () => {
    const token = readStoredToken(stored);
    expect(token).toEqual(stored);
    expect(token && 'apiInstanceUrl' in token).toBe(false);
  });
});
