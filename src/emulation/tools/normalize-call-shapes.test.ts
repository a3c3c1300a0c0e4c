import { describe, expect, it } from 'vitest';
import { normalizeCallShapes } from './normalize-call-shapes.ts';

describe('normalizeCallShapes', () => {
  it('reads a single call and an array of calls', () => {
    expect(normalizeCallShapes({ name: 'a', arguments: { x: 1 } })).toEqual([
      { name: 'a', arguments: { x: 1 } },
    ]);
    expect(
      normalizeCallShapes([
        { name: 'a', arguments: {} },
        { name: 'b', arguments: '{"y":2}' },
      ]),
    ).toEqual([
      { name: 'a', arguments: {} },
      { name: 'b', arguments: '{"y":2}' },
    ]);
  });

  it('reads every name and argument key', () => {
    expect(normalizeCallShapes({ tool: 'a', parameters: { x: 1 } })).toEqual([
      { name: 'a', arguments: { x: 1 } },
    ]);
    expect(normalizeCallShapes({ tool_name: 'a', input: { x: 1 } })).toEqual([
      { name: 'a', arguments: { x: 1 } },
    ]);
    expect(normalizeCallShapes({ function: 'a', args: { x: 1 } })).toEqual([
      { name: 'a', arguments: { x: 1 } },
    ]);
  });

  it('reads the wrappers', () => {
    const expected = [{ name: 'a', arguments: { x: 1 } }];
    expect(normalizeCallShapes({ tool_calls: [{ name: 'a', arguments: { x: 1 } }] })).toEqual(expected);
    expect(normalizeCallShapes({ calls: [{ name: 'a', arguments: { x: 1 } }] })).toEqual(expected);
    expect(normalizeCallShapes({ tool_calls: { name: 'a', arguments: { x: 1 } } })).toEqual(expected);
    expect(normalizeCallShapes({ function_call: { name: 'a', arguments: { x: 1 } } })).toEqual(expected);
  });

  it("reads OpenAI's wire shape and keeps the id", () => {
    expect(
      normalizeCallShapes({ id: 'call_1', type: 'function', function: { name: 'a', arguments: '{"x":1}' } }),
    ).toEqual([{ id: 'call_1', name: 'a', arguments: '{"x":1}' }]);
  });

  it('unwraps the leaked multi_tool_use.parallel call and its functions. prefix', () => {
    const value = {
      recipient_name: 'multi_tool_use.parallel',
      parameters: { tool_uses: [{ recipient_name: 'functions.a', parameters: { x: 1 } }] },
    };
    expect(normalizeCallShapes(value)).toEqual([{ name: 'a', arguments: { x: 1 } }]);
  });

  it('leaves missing, null or empty arguments undefined for the caller to judge', () => {
    expect(normalizeCallShapes({ name: 'a' })).toEqual([{ name: 'a', arguments: undefined }]);
    expect(normalizeCallShapes({ name: 'a', arguments: null })).toEqual([
      { name: 'a', arguments: undefined },
    ]);
    expect(normalizeCallShapes({ name: 'a', arguments: ' ' })).toEqual([{ name: 'a', arguments: undefined }]);
  });

  it('gives an empty list for an empty array', () => {
    expect(normalizeCallShapes([])).toEqual([]);
    expect(normalizeCallShapes({ tool_calls: [] })).toEqual([]);
  });

  it('refuses values that are not call-shaped', () => {
    expect(normalizeCallShapes({ city: 'Paris' })).toBeUndefined();
    expect(normalizeCallShapes({ name: 42, arguments: {} })).toBeUndefined();
    expect(normalizeCallShapes({ name: '  ' })).toBeUndefined();
    expect(normalizeCallShapes(['a', 'b'])).toBeUndefined();
    expect(normalizeCallShapes([{ name: 'a' }, { other: 1 }])).toBeUndefined();
    expect(normalizeCallShapes('a string')).toBeUndefined();
    expect(normalizeCallShapes(null)).toBeUndefined();
  });

  it('refuses a quoted tool result, in the envelope shape and the wire shapes', () => {
    expect(
      normalizeCallShapes([{ call_id: 'c1', name: 'a', content: '84', is_error: false }]),
    ).toBeUndefined();
    expect(
      normalizeCallShapes({ type: 'function_call_output', call_id: 'c1', name: 'a', output: '84' }),
    ).toBeUndefined();
    expect(
      normalizeCallShapes({ role: 'tool', tool_call_id: 'c1', name: 'a', content: '84' }),
    ).toBeUndefined();
    expect(
      normalizeCallShapes({ type: 'tool_result', tool_use_id: 'c1', name: 'a', content: '84' }),
    ).toBeUndefined();
  });

  it('still reads a call that carries a call id or content next to its arguments', () => {
    expect(normalizeCallShapes({ type: 'function_call', call_id: 'c1', name: 'a', arguments: '{}' })).toEqual(
      [{ name: 'a', arguments: '{}' }],
    );
    expect(normalizeCallShapes({ name: 'a', content: 'note', input: { x: 1 } })).toEqual([
      { name: 'a', arguments: { x: 1 } },
    ]);
  });

  it('refuses an echoed tool definition', () => {
    const definition = { name: 'a', description: 'does a', parameters: { type: 'object', properties: {} } };
    expect(normalizeCallShapes(definition)).toBeUndefined();
    expect(normalizeCallShapes({ type: 'function', function: definition })).toBeUndefined();
  });
});
