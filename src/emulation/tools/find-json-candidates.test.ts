import { describe, expect, it } from 'vitest';
import { findJsonCandidates } from './find-json-candidates.ts';

describe('findJsonCandidates', () => {
  it('finds every envelope with the span to replace', () => {
    const text = 'a <tool_calls>[1]</tool_calls> b <tool_calls>\n[2]\n</tool_calls>';
    expect(findJsonCandidates(text)).toEqual([
      { kind: 'envelope', start: 2, end: 30, json: '[1]' },
      { kind: 'envelope', start: 33, end: text.length, json: '[2]' },
    ]);
  });

  it('runs an envelope without a closing tag to the end', () => {
    expect(findJsonCandidates('x <tool_calls>[{"a": 1')).toEqual([
      { kind: 'envelope', start: 2, end: 22, json: '[{"a": 1' },
    ]);
  });

  it('accepts the singular tag and a fence inside the envelope', () => {
    expect(findJsonCandidates('<tool_call>\n```json\n{"a": 1}\n```\n</tool_call>')).toEqual([
      { kind: 'envelope', start: 0, end: 45, json: '{"a": 1}' },
    ]);
  });

  it('skips a closing tag quoted inside a JSON string', () => {
    const text = '<tool_calls>[{"t": "</tool_calls>"}]</tool_calls>!';
    expect(findJsonCandidates(text)).toEqual([
      { kind: 'envelope', start: 0, end: 49, json: '[{"t": "</tool_calls>"}]' },
    ]);
  });

  it('falls back to the first closing tag when a string never ends', () => {
    const text = '<tool_calls>[{"t": "oops}]</tool_calls> after';
    expect(findJsonCandidates(text)).toEqual([
      { kind: 'envelope', start: 0, end: 39, json: '[{"t": "oops}]' },
    ]);
  });

  it('ignores a tag mentioned in prose with no JSON after it', () => {
    expect(findJsonCandidates('I will not write a <tool_calls> block.')).toEqual([]);
  });

  it('prefers envelopes over fences and bare JSON', () => {
    const text = '```json\n{"x": 1}\n```\n<tool_calls>[]</tool_calls> {"y": 2}';
    expect(findJsonCandidates(text).map((candidate) => candidate.kind)).toEqual(['envelope']);
  });

  it('finds json and unlabelled fences, skipping other languages', () => {
    const text = '```python\nx = {"a": 1}\n```\n```json\n{"b": 2}\n```\n```\n[3]\n```';
    expect(findJsonCandidates(text)).toEqual([
      { kind: 'fence', start: 27, end: 47, json: '{"b": 2}' },
      { kind: 'fence', start: 48, end: text.length, json: '[3]' },
    ]);
  });

  it('runs an unclosed fence to the end', () => {
    expect(findJsonCandidates('see:\n```JSON\n{"a": 1')).toEqual([
      { kind: 'fence', start: 5, end: 20, json: '{"a": 1' },
    ]);
  });

  it('finds balanced bare JSON, aware of strings', () => {
    const text = 'pre {"a": "}{", "b": [1]} mid [2] post';
    expect(findJsonCandidates(text)).toEqual([
      { kind: 'bare', start: 4, end: 25, json: '{"a": "}{", "b": [1]}' },
      { kind: 'bare', start: 30, end: 33, json: '[2]' },
    ]);
  });

  it('respects escaped quotes inside strings', () => {
    const text = String.raw`{"a": "say \"}\" now"} x`;
    expect(findJsonCandidates(text)).toEqual([
      { kind: 'bare', start: 0, end: 22, json: String.raw`{"a": "say \"}\" now"}` },
    ]);
  });

  it('runs an unbalanced bracket to the end and also looks inside it', () => {
    const text = 'a { b {"c": 1} d';
    expect(findJsonCandidates(text)).toEqual([
      { kind: 'bare', start: 2, end: 16, json: '{ b {"c": 1} d' },
      { kind: 'bare', start: 6, end: 14, json: '{"c": 1}' },
    ]);
  });

  it('keeps scanning past many bracketed citations', () => {
    const citations = Array.from({ length: 100 }, (_, index) => `[${index}]`).join(' ');
    const candidates = findJsonCandidates(`${citations} {"a": 1}`);
    expect(candidates).toHaveLength(101);
    expect(candidates.at(-1)).toEqual({
      kind: 'bare',
      start: citations.length + 1,
      end: citations.length + 9,
      json: '{"a": 1}',
    });
  });

  it('stops restarting after many unmatched brackets', () => {
    expect(findJsonCandidates('{'.repeat(1000))).toHaveLength(16);
  });

  it('finds no candidate inside a results block, of any kind', () => {
    const quoted = '<tool_results>\n```json\n[{"a": 1}]\n```\n<tool_calls>[2]</tool_calls>\n</tool_results>';
    expect(findJsonCandidates(`${quoted} then {"b": 3}`)).toEqual([
      { kind: 'bare', start: quoted.length + 6, end: quoted.length + 14, json: '{"b": 3}' },
    ]);
  });

  it('jumps an unclosed results block without spending the unmatched-bracket budget', () => {
    expect(findJsonCandidates(`<tool_results>[${'{'.repeat(100)}`)).toEqual([]);
  });

  it('keeps a call that starts outside a results block but quotes one in an argument', () => {
    const text = '<tool_calls>[{"text": "<tool_results>[]</tool_results>"}]</tool_calls>';
    expect(findJsonCandidates(text)).toEqual([
      { kind: 'envelope', start: 0, end: text.length, json: '[{"text": "<tool_results>[]</tool_results>"}]' },
    ]);
  });

  it('finds nothing in plain prose', () => {
    expect(findJsonCandidates('no JSON here, only words.')).toEqual([]);
  });
});
