import { describe, expect, it } from 'vitest';
import { readArgumentHints } from './argument-hints.ts';

describe('readArgumentHints', () => {
  it('reads key=value and key: value pairs, keyed in lower case', () => {
    const hints = readArgumentHints('Weather for City=Paris, unit: celsius; days = 3');
    expect([...hints]).toEqual([
      ['city', 'Paris'],
      ['unit', 'celsius'],
      ['days', '3'],
    ]);
  });

  it('keeps quoted values whole and drops closing punctuation from bare ones', () => {
    const hints = readArgumentHints(`city="New York" note='it is late' order_id=A-17? ratio=0.5.`);
    expect(Object.fromEntries(hints)).toEqual({
      city: 'New York',
      note: 'it is late',
      order_id: 'A-17',
      ratio: '0.5',
    });
  });

  it('lets a later pair win and skips scenario markers', () => {
    const hints = readArgumentHints('#tool-shape=fenced city=Paris\nactually city=Rome');
    expect(Object.fromEntries(hints)).toEqual({ city: 'Rome' });
  });

  it('reads a pair that sits in the value of another', () => {
    expect(Object.fromEntries(readArgumentHints('Make an order: order_id=A17 quantity=3'))).toEqual({
      order: 'order_id=A17',
      order_id: 'A17',
      quantity: '3',
    });
  });

  it('does not take a value from the next line', () => {
    expect(Object.fromEntries(readArgumentHints('Rules:\n- be brief'))).toEqual({});
  });
});
