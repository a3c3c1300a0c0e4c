import { describe, expect, it } from 'vitest';
import { NativeRouteMemory } from './native-route-memory.ts';

describe('NativeRouteMemory', () => {
  it('keeps a verdict for its duration, and a new verdict restarts it', () => {
    let now = 0;
    const memory = new NativeRouteMemory({ durationMs: 100, now: () => now });
    memory.rememberUnroutable('m');
    now = 60;
    memory.rememberUnroutable('m');
    now = 159;
    expect(memory.isUnroutable('m')).toBe(true);
    now = 160;
    expect(memory.isUnroutable('m')).toBe(false);
    expect(memory.isUnroutable('other')).toBe(false);
  });

  it('forgets the oldest model first once it holds a thousand', () => {
    const memory = new NativeRouteMemory({ durationMs: 100, now: () => 0 });
    for (let index = 0; index <= 1000; index++) memory.rememberUnroutable(`m${index}`);
    expect(memory.isUnroutable('m0')).toBe(false);
    expect(memory.isUnroutable('m1')).toBe(true);
    expect(memory.isUnroutable('m1000')).toBe(true);
  });
});
