import { describe, expect, it } from 'vitest';
import { parseJsonLeniently } from './parse-json-leniently.ts';

describe('parseJsonLeniently', () => {
  it('parses strict JSON without marking it repaired', () => {
    expect(parseJsonLeniently('{"a": [1, 2], "b": "x"}')).toEqual({
      value: { a: [1, 2], b: 'x' },
      repaired: false,
    });
    expect(parseJsonLeniently('[]')).toEqual({ value: [], repaired: false });
  });

  it('removes trailing commas and a byte order mark', () => {
    expect(parseJsonLeniently('\uFEFF{"a": [1, 2,], }')).toEqual({ value: { a: [1, 2] }, repaired: true });
  });

  it('keeps commas that sit inside strings', () => {
    expect(parseJsonLeniently('{"a": ",}", "b": 1,}')).toEqual({ value: { a: ',}', b: 1 }, repaired: true });
  });

  it('turns smart quotes used as delimiters into straight quotes', () => {
    expect(parseJsonLeniently('{“city”: “Lyon”}')).toEqual({ value: { city: 'Lyon' }, repaired: true });
  });

  it('leaves smart quotes inside properly quoted strings alone', () => {
    expect(parseJsonLeniently('{"quote": "he said “hi”",}')).toEqual({
      value: { quote: 'he said “hi”' },
      repaired: true,
    });
  });

  it('repairs single quotes, unquoted keys and unclosed brackets with jsonrepair', () => {
    expect(parseJsonLeniently("{'a': 'b'}")).toEqual({ value: { a: 'b' }, repaired: true });
    expect(parseJsonLeniently('{a: 1, b: [true')).toEqual({ value: { a: 1, b: [true] }, repaired: true });
  });

  it('refuses prose and bare scalars, which jsonrepair would turn into strings', () => {
    expect(parseJsonLeniently('hello there')).toBeUndefined();
    expect(parseJsonLeniently('"quoted"')).toBeUndefined();
    expect(parseJsonLeniently('42')).toBeUndefined();
    expect(parseJsonLeniently('null')).toBeUndefined();
  });

  it('gives up on text that cannot be repaired', () => {
    expect(parseJsonLeniently('get_weather(city="Paris")')).toBeUndefined();
    expect(parseJsonLeniently('')).toBeUndefined();
  });
});
