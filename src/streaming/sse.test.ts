import { describe, expect, it } from 'vitest';
import { encodeSseComment, encodeSseEvent, SseDecoder, type SseEvent } from './sse.ts';

interface Fixture {
  name: string;
  text: string;
  events: SseEvent[];
}

const fixtures: Fixture[] = [
  {
    name: 'OpenAI chunks with LF line ends and [DONE]',
    text: 'data: {"a":1}\n\ndata: {"b":"é😀"}\n\n: keep-alive\n\ndata: [DONE]\n\n',
    events: [
      { event: undefined, data: '{"a":1}' },
      { event: undefined, data: '{"b":"é😀"}' },
      { event: undefined, data: '[DONE]' },
    ],
  },
  {
    name: 'named events with CRLF, comments, multi-line data and ignored fields',
    text: 'event: message_start\r\ndata: {"x":\r\ndata:  2}\r\nid: 7\r\nretry: 100\r\n\r\n:ping\r\nevent: ping\r\ndata:\r\n\r\n',
    events: [
      { event: 'message_start', data: '{"x":\n 2}' },
      { event: 'ping', data: '' },
    ],
  },
  {
    name: 'CR-only line ends, a byte order mark, a field without colon and a data-less event',
    text: '\uFEFFdata:first\r\revent: lonely\r\rdata\r\revent:\rdata: ü\r\r',
    events: [
      { event: undefined, data: 'first' },
      { event: undefined, data: '' },
      { event: undefined, data: 'ü' },
    ],
  },
];

function decodeInPieces(bytes: Uint8Array, cuts: number[]): SseEvent[] {
  const decoder = new SseDecoder();
  const textDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const events: SseEvent[] = [];
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    events.push(...decoder.push(textDecoder.decode(bytes.subarray(start, cut), { stream: true })));
    start = cut;
  }
  events.push(...decoder.push(textDecoder.decode()));
  events.push(...decoder.flush());
  return events;
}

describe('SseDecoder', () => {
  for (const fixture of fixtures) {
    const bytes = new TextEncoder().encode(fixture.text);

    it(`decodes "${fixture.name}" split at every byte offset`, () => {
      for (let cut = 0; cut <= bytes.length; cut += 1) {
        expect(decodeInPieces(bytes, [cut]), `split at byte ${cut}`).toEqual(fixture.events);
      }
    });

    it(`decodes "${fixture.name}" split at every pair of byte offsets`, () => {
      for (let first = 0; first <= bytes.length; first += 1) {
        for (let second = first; second <= bytes.length; second += 1) {
          expect(decodeInPieces(bytes, [first, second]), `split at ${first} and ${second}`).toEqual(
            fixture.events,
          );
        }
      }
    });

    it(`decodes "${fixture.name}" fed one byte at a time`, () => {
      const everyByte = Array.from({ length: bytes.length }, (_, index) => index);
      expect(decodeInPieces(bytes, everyByte)).toEqual(fixture.events);
    });
  }

  it('delivers a final event that lacks its blank line on flush', () => {
    const decoder = new SseDecoder();
    expect(decoder.push('data: one\n\ndata: two')).toEqual([{ event: undefined, data: 'one' }]);
    expect(decoder.flush()).toEqual([{ event: undefined, data: 'two' }]);
  });

  it('does not treat a CR at the end of a chunk followed by a non-LF as CRLF', () => {
    const decoder = new SseDecoder();
    expect(decoder.push('data: a\r')).toEqual([]);
    expect(decoder.push('\rdata: b\n\n')).toEqual([
      { event: undefined, data: 'a' },
      { event: undefined, data: 'b' },
    ]);
  });
});

describe('encodeSseEvent', () => {
  it('writes a data line and a blank line', () => {
    expect(encodeSseEvent('{"a":1}')).toBe('data: {"a":1}\n\n');
  });

  it('writes the event name first and splits multi-line data into several data lines', () => {
    expect(encodeSseEvent('one\ntwo\r\nthree', 'delta')).toBe(
      'event: delta\ndata: one\ndata: two\ndata: three\n\n',
    );
  });

  it('round-trips through the decoder', () => {
    const decoder = new SseDecoder();
    const frames = encodeSseEvent('line one\nline two', 'x') + encodeSseComment('idle') + encodeSseEvent('');
    expect(decoder.push(frames)).toEqual([
      { event: 'x', data: 'line one\nline two' },
      { event: undefined, data: '' },
    ]);
  });
});

describe('encodeSseComment', () => {
  it('writes a colon-prefixed line and a blank line', () => {
    expect(encodeSseComment('keep-alive')).toBe(': keep-alive\n\n');
  });

  it('prefixes every line of a multi-line comment', () => {
    expect(encodeSseComment('a\nb')).toBe(': a\n: b\n\n');
  });
});
