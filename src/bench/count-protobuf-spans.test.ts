import { describe, expect, it } from 'vitest';
import { countProtobufSpans } from './count-protobuf-spans.ts';

// a span of two fields: a varint (kind = 2) and a fixed64 (start time)
const span = [0x30, 0x02, 0x39, 1, 2, 3, 4, 5, 6, 7, 8];
// scope (field 1, empty), then two spans (field 2)
const scopeSpans = [0x0a, 0x00, 0x12, span.length, ...span, 0x12, span.length, ...span];
// resource (field 1, one varint field), then the scope spans (field 2)
const resourceSpans = [0x0a, 0x02, 0x08, 0x01, 0x12, scopeSpans.length, ...scopeSpans];

describe('countProtobufSpans', () => {
  it('counts the spans of every scope of every resource, skipping the other fields', () => {
    const twoResources = Uint8Array.from([
      0x0a,
      resourceSpans.length,
      ...resourceSpans,
      0x0a,
      resourceSpans.length,
      ...resourceSpans,
    ]);
    expect(countProtobufSpans(twoResources)).toBe(4);
    expect(countProtobufSpans(new Uint8Array())).toBe(0);
  });

  it('refuses a body that is not a protobuf message', () => {
    expect(() => countProtobufSpans(Buffer.from('{"resourceSpans":[]}'))).toThrow(/wire type/);
    expect(() => countProtobufSpans(Uint8Array.from([0x0a, 0x05, 0x00]))).toThrow(/past its message/);
  });
});
