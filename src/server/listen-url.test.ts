import { describe, expect, it } from 'vitest';
import { formatListenUrl } from './listen-url.ts';

describe('formatListenUrl', () => {
  it('keeps a concrete host, brackets an IPv6 literal, and maps wildcards to loopback', () => {
    expect(formatListenUrl('127.0.0.1', 8000)).toBe('http://127.0.0.1:8000');
    expect(formatListenUrl('localhost', 8000)).toBe('http://localhost:8000');
    expect(formatListenUrl('::1', 8000)).toBe('http://[::1]:8000');
    expect(formatListenUrl('0.0.0.0', 8000)).toBe('http://127.0.0.1:8000');
    expect(formatListenUrl('::', 8000)).toBe('http://127.0.0.1:8000');
  });
});
