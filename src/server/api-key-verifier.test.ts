import { describe, expect, it } from 'vitest';
import { ApiKeyVerifier } from './api-key-verifier.ts';

const noLimits = {
  requestsPerMinute: 0,
  maxConcurrent: 0,
  tokensPerDay: 0,
  tokensPerMonth: 0,
  requestsPerDay: 0,
};
const keys = [
  { name: 'n8n', key: 'n8n-0123456789abcdef', ...noLimits, admin: false },
  { name: 'claude', key: 'claude-0123456789abcdef', ...noLimits, admin: false },
];

describe('ApiKeyVerifier', () => {
  it('names the client a key belongs to', () => {
    const verifier = new ApiKeyVerifier(keys);
    expect(verifier.identify('claude-0123456789abcdef')?.name).toBe('claude');
    expect(verifier.identify('n8n-0123456789abcdef')?.name).toBe('n8n');
  });

  it('rejects prefixes, extensions, case changes and the empty string', () => {
    const verifier = new ApiKeyVerifier(keys);
    for (const presented of ['n8n-0123456789abcde', 'n8n-0123456789abcdef0', 'N8N-0123456789ABCDEF', '']) {
      expect(verifier.identify(presented)).toBeUndefined();
    }
  });

  it('is open only when no keys are configured', () => {
    expect(new ApiKeyVerifier([]).open).toBe(true);
    expect(new ApiKeyVerifier(keys).open).toBe(false);
    expect(new ApiKeyVerifier([]).identify('anything')).toBeUndefined();
  });
});
