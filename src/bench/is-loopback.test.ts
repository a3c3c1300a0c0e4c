import { describe, expect, it } from 'vitest';
import { isLoopback } from './is-loopback.ts';

describe('isLoopback', () => {
  it('accepts this machine only', () => {
    expect(isLoopback('http://localhost:8000')).toBe(true);
    expect(isLoopback('http://127.0.0.1:8000')).toBe(true);
    expect(isLoopback('http://127.1.2.3')).toBe(true);
    expect(isLoopback('http://[::1]:8000')).toBe(true);
    expect(isLoopback('http://10.0.0.5:8000')).toBe(false);
    expect(isLoopback('https://gateway.example.com')).toBe(false);
    expect(isLoopback('http://127.0.0.1.example.com')).toBe(false);
  });
});
