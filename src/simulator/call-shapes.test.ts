import { jsonrepair } from 'jsonrepair';
import { describe, expect, it } from 'vitest';
import { writeCallsInShape } from './call-shapes.ts';

const weather = { name: 'get_weather', arguments: { city: 'Paris', days: 2 } };
const order = { name: 'lookup_order', arguments: { order_id: 'A17' } };

describe('writeCallsInShape', () => {
  it('writes the documented envelope', () => {
    expect(writeCallsInShape('envelope', [weather])).toBe(
      '<tool_calls>\n[{"name":"get_weather","arguments":{"city":"Paris","days":2}}]\n</tool_calls>',
    );
  });

  it('writes one call as a lone object and several as an array in the JSON drift shapes', () => {
    expect(writeCallsInShape('fenced', [weather])).toBe(
      [
        '```json',
        '{',
        '  "name": "get_weather",',
        '  "arguments": {',
        '    "city": "Paris",',
        '    "days": 2',
        '  }',
        '}',
        '```',
      ].join('\n'),
    );
    expect(writeCallsInShape('bare', [weather])).toBe(
      '{"name":"get_weather","arguments":{"city":"Paris","days":2}}',
    );
    expect(writeCallsInShape('bare', [weather, order])).toBe(
      '[{"name":"get_weather","arguments":{"city":"Paris","days":2}},{"name":"lookup_order","arguments":{"order_id":"A17"}}]',
    );
    expect(writeCallsInShape('tool-input', [weather])).toBe(
      '{"tool":"get_weather","input":{"city":"Paris","days":2}}',
    );
    expect(writeCallsInShape('tool-name-args', [weather, order])).toBe(
      '[{"tool_name":"get_weather","args":{"city":"Paris","days":2}},{"tool_name":"lookup_order","args":{"order_id":"A17"}}]',
    );
  });

  it('writes the tool_calls object shapes with their items always in a list', () => {
    expect(writeCallsInShape('tool-calls-object', [weather])).toBe(
      '{"tool_calls":[{"name":"get_weather","arguments":{"city":"Paris","days":2}}]}',
    );
    expect(writeCallsInShape('function-wrapper', [weather, order])).toBe(
      '{"tool_calls":[{"function":{"name":"get_weather","arguments":{"city":"Paris","days":2}}},{"function":{"name":"lookup_order","arguments":{"order_id":"A17"}}}]}',
    );
  });

  it('writes arguments as a JSON string inside the envelope', () => {
    expect(writeCallsInShape('arguments-string', [weather])).toBe(
      '<tool_calls>\n[{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\",\\"days\\":2}"}]\n</tool_calls>',
    );
  });

  it('puts prose before and after the envelope', () => {
    expect(writeCallsInShape('prose-around', [order])).toBe(
      [
        'Let me check that for you.',
        '<tool_calls>',
        '[{"name":"lookup_order","arguments":{"order_id":"A17"}}]',
        '</tool_calls>',
        'I will continue once the results are in.',
      ].join('\n'),
    );
  });

  it('writes repairable near-JSON that jsonrepair turns back into the calls', () => {
    const trailing = writeCallsInShape('trailing-comma', [weather, order]);
    expect(trailing).toBe(
      '<tool_calls>\n[{"name":"get_weather","arguments":{"city":"Paris","days":2,},},{"name":"lookup_order","arguments":{"order_id":"A17",},},]\n</tool_calls>',
    );
    const quoted = writeCallsInShape('single-quotes', [weather]);
    expect(quoted).toBe(
      "<tool_calls>\n[{'name':'get_weather','arguments':{'city':'Paris','days':2}}]\n</tool_calls>",
    );
    const unclosed = writeCallsInShape('unclosed', [weather, order]);
    expect(unclosed).toBe(
      '<tool_calls>\n[{"name":"get_weather","arguments":{"city":"Paris","days":2}},{"name":"lookup_order","arguments":{"order_id":"A17"}',
    );
    const inside = (text: string) => text.replace('<tool_calls>\n', '').replace('\n</tool_calls>', '');
    expect(JSON.parse(jsonrepair(inside(trailing)))).toEqual([weather, order]);
    expect(JSON.parse(jsonrepair(inside(quoted)))).toEqual([weather]);
    expect(JSON.parse(jsonrepair(inside(unclosed)))).toEqual([weather, order]);
  });

  it('writes a broken envelope that no JSON repair can read', () => {
    const broken = writeCallsInShape('broken', [weather, order]);
    expect(broken).toBe(
      '<tool_calls>\n[{"name"="get_weather"; "arguments"=(city="Paris", days=2)}; {"name"="lookup_order"; "arguments"=(order_id="A17")}]\n</tool_calls>',
    );
    const inside = broken.slice('<tool_calls>\n'.length, -'\n</tool_calls>'.length);
    expect(() => jsonrepair(inside)).toThrow();
  });
});
