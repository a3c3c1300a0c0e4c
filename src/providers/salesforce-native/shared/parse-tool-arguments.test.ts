import { describe, expect, it } from 'vitest';
import { parseToolArguments } from './parse-tool-arguments.ts';

describe('parseToolArguments', () => {
  it('reads strict JSON, repairs nearly-JSON, and takes empty text or null as no arguments', () => {
    expect(parseToolArguments('{"a":1}')).toEqual({ a: 1 });
    expect(parseToolArguments('{"a":1,')).toEqual({ a: 1 });
    expect(parseToolArguments('  ')).toEqual({});
    expect(parseToolArguments('null')).toEqual({});
  });

  it('keeps text no repair makes a container as the text, unless the caller decides otherwise', () => {
    expect(parseToolArguments('just prose')).toBe('just prose');
    expect(parseToolArguments('just prose', () => 'refused')).toBe('refused');
  });
});
