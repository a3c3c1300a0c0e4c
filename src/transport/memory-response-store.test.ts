import { describe, expect, it } from 'vitest';
import { MemoryResponseStore } from './memory-response-store.ts';

describe('MemoryResponseStore', () => {
  it('keeps a text for its lifetime only', async () => {
    const clock = { now: 1_000 };
    const store = new MemoryResponseStore({ maxBytes: 1_000, now: () => clock.now });
    await store.set('a', 'answer', 5_000);
    clock.now += 4_999;
    expect(await store.get('a')).toBe('answer');
    clock.now += 1;
    expect(await store.get('a')).toBeUndefined();
    expect(store.bytes).toBe(0);
  });

  it('lets the least recently used go first past its bound, and never holds more', async () => {
    // each ten-character text weighs 20 bytes: three fit in 60
    const store = new MemoryResponseStore({ maxBytes: 60 });
    await store.set('a', 'aaaaaaaaaa', 60_000);
    await store.set('b', 'bbbbbbbbbb', 60_000);
    await store.set('c', 'cccccccccc', 60_000);
    expect(await store.get('a')).toBe('aaaaaaaaaa');
    await store.set('d', 'dddddddddd', 60_000);
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('a')).toBe('aaaaaaaaaa');
    expect(await store.get('c')).toBe('cccccccccc');
    expect(store.bytes).toBe(60);
    // a text bigger than the bound is not kept, and pushes nothing out
    await store.set('e', 'e'.repeat(31), 60_000);
    expect(await store.get('e')).toBeUndefined();
    expect(store.bytes).toBe(60);
    // replacing a text counts it once
    await store.set('a', 'AAAAAAAAAA', 60_000);
    expect(store.bytes).toBe(60);
    expect(await store.get('a')).toBe('AAAAAAAAAA');
  });
});
