import { describe, expect, it } from 'vitest';
import { OutputItemStore } from './output-item-store.ts';

function message(id: string, text: string): Record<string, unknown> {
  return {
    type: 'message',
    id,
    status: 'completed',
    role: 'assistant',
    content: [{ type: 'output_text', text, annotations: [] }],
  };
}

const call = {
  type: 'function_call',
  id: 'fc_1',
  call_id: 'call_1',
  name: 'weather',
  arguments: '{"city":"Oslo"}',
  status: 'completed',
};

/** A clock the test moves by hand. */
function fakeClock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let time = start;
  return { now: () => time, advance: (ms) => (time += ms) };
}

describe('OutputItemStore', () => {
  it('recalls remembered message and function_call items by id', () => {
    const store = new OutputItemStore();
    store.remember([message('msg_1', 'Hello.'), call]);
    expect(store.recall('msg_1')).toEqual(message('msg_1', 'Hello.'));
    expect(store.recall('fc_1')).toEqual(call);
    expect(store.recall('msg_2')).toBeUndefined();
  });

  it('lets each API key recall only the items it was given', () => {
    const store = new OutputItemStore();
    const n8n = store.scopedTo('n8n');
    const other = store.scopedTo('other');
    n8n.remember([message('msg_1', 'For n8n.')]);
    expect(n8n.recall('msg_1')).toEqual(message('msg_1', 'For n8n.'));
    expect(other.recall('msg_1')).toBeUndefined();
    expect(store.recall('msg_1')).toBeUndefined();
    expect(other.ttlMs).toBe(store.ttlMs);
  });

  it('keeps its own copy, unaffected by later changes to the produced item', () => {
    const store = new OutputItemStore();
    const item = message('msg_1', 'Hello.');
    store.remember([item]);
    (item.content as Array<Record<string, unknown>>)[0] = { type: 'output_text', text: 'Changed.' };
    expect(store.recall('msg_1')).toEqual(message('msg_1', 'Hello.'));
  });

  it('skips items without a string id and item types it does not resolve', () => {
    const store = new OutputItemStore();
    store.remember([
      { type: 'reasoning', id: 'rs_1', summary: [] },
      { type: 'message', role: 'assistant', content: [] },
      { type: 'message', id: 7 },
    ]);
    expect(store.size).toBe(0);
    expect(store.recall('rs_1')).toBeUndefined();
  });

  it('replaces an item remembered again under the same id', () => {
    const store = new OutputItemStore();
    store.remember([message('msg_1', 'First.')]);
    store.remember([message('msg_1', 'Second.')]);
    expect(store.size).toBe(1);
    expect(store.recall('msg_1')).toEqual(message('msg_1', 'Second.'));
  });

  it('evicts the least recently used item past maxEntries', () => {
    const store = new OutputItemStore({ maxEntries: 2 });
    store.remember([message('msg_a', 'A'), message('msg_b', 'B')]);
    // Using msg_a makes msg_b the least recently used.
    expect(store.recall('msg_a')).toBeDefined();
    store.remember([message('msg_c', 'C')]);
    expect(store.size).toBe(2);
    expect(store.recall('msg_b')).toBeUndefined();
    expect(store.recall('msg_a')).toEqual(message('msg_a', 'A'));
    expect(store.recall('msg_c')).toEqual(message('msg_c', 'C'));
  });

  it('evicts least recently used items past maxCharacters, and never keeps an item larger than that', () => {
    // Each item holds a bit over 1,000 characters, so two fit in 2,500 and three do not.
    const store = new OutputItemStore({ maxCharacters: 2_500 });
    store.remember([message('msg_a', 'a'.repeat(1_000)), message('msg_b', 'b'.repeat(1_000))]);
    expect(store.size).toBe(2);
    store.remember([message('msg_c', 'c'.repeat(1_000))]);
    expect(store.recall('msg_a')).toBeUndefined();
    expect(store.recall('msg_b')).toBeDefined();
    expect(store.recall('msg_c')).toBeDefined();
    store.remember([message('msg_huge', 'h'.repeat(2_500))]);
    expect(store.recall('msg_huge')).toBeUndefined();
    expect(store.size).toBe(2);
  });

  it('forgets an item ttlMs after it was remembered, when nothing used it', () => {
    const clock = fakeClock();
    const store = new OutputItemStore({ ttlMs: 60_000, now: clock.now });
    store.remember([message('msg_1', 'Hello.'), message('msg_2', 'Again.')]);
    clock.advance(59_999);
    expect(store.recall('msg_1')).toBeDefined();
    clock.advance(1);
    expect(store.recall('msg_2')).toBeUndefined();
  });

  it('counts the lifetime from the last recall, so a conversation in use keeps resolving', () => {
    const clock = fakeClock();
    const store = new OutputItemStore({ ttlMs: 60_000, now: clock.now });
    store.remember([message('msg_1', 'Hello.')]);
    for (let turn = 0; turn < 3; turn += 1) {
      clock.advance(50_000);
      expect(store.recall('msg_1')).toEqual(message('msg_1', 'Hello.'));
    }
    clock.advance(60_000);
    expect(store.recall('msg_1')).toBeUndefined();
  });

  it('sweeps expired items when remembering, so they hold no memory', () => {
    const clock = fakeClock();
    const store = new OutputItemStore({ ttlMs: 60_000, now: clock.now });
    store.remember([message('msg_old_1', 'A'), message('msg_old_2', 'B')]);
    clock.advance(30_000);
    store.remember([message('msg_recent', 'C')]);
    clock.advance(30_000);
    store.remember([message('msg_new', 'D')]);
    expect(store.size).toBe(2);
    expect(store.recall('msg_recent')).toBeDefined();
  });
});
