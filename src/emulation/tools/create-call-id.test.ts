import { describe, expect, it } from 'vitest';
import { createCallId } from './create-call-id.ts';

describe('createCallId', () => {
  it('makes call_ ids with 24 hex characters', () => {
    expect(createCallId()).toMatch(/^call_[0-9a-f]{24}$/);
  });

  it('does not repeat itself', () => {
    const ids = new Set(Array.from({ length: 1000 }, createCallId));
    expect(ids.size).toBe(1000);
  });
});
