import { describe, expect, it } from 'vitest';
import { bodyOf, chunkFrame, collect, exceptionFrame, joinFrames } from './event-stream.fixtures.ts';
import { splitEventStreamFrames } from './split-event-stream-frames.ts';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const hiEvent = { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } };

describe('the test encoder', () => {
  it("matches the reference's worked chunk frame byte for byte", () => {
    const frame = chunkFrame(hiEvent);
    expect(frame.byteLength).toBe(215);
    expect(hex(frame.subarray(0, 12))).toBe('000000d70000004bbff9e438');
    expect(hex(frame.subarray(-4))).toBe('4b8e9495');
  });

  it("matches the reference's worked exception frame", () => {
    const frame = exceptionFrame(
      'throttlingException',
      'Too many requests, please wait before trying again.',
    );
    expect(hex(frame.subarray(0, 12))).toBe('000000b2000000613590d5d3');
    expect(hex(frame.subarray(-4))).toBe('e8ffb26a');
  });
});

describe('splitEventStreamFrames', () => {
  const frames = [
    chunkFrame(hiEvent),
    exceptionFrame('throttlingException', 'slow down'),
    chunkFrame({ type: 'ping' }, 'abcdefgh'),
  ];
  const bytes = joinFrames(frames);

  it('yields the same whole frames wherever the body is cut', async () => {
    for (let cut = 0; cut <= bytes.byteLength; cut += 1) {
      const out = await collect(splitEventStreamFrames(bodyOf(bytes, [cut])));
      expect(out.map(hex), `cut at ${cut}`).toEqual(frames.map(hex));
    }
  });

  it('yields the same frames from one-byte chunks and from one chunk', async () => {
    const everyByte = Array.from({ length: bytes.byteLength - 1 }, (_, index) => index + 1);
    expect((await collect(splitEventStreamFrames(bodyOf(bytes, everyByte)))).map(hex)).toEqual(
      frames.map(hex),
    );
    expect((await collect(splitEventStreamFrames(bodyOf(bytes)))).map(hex)).toEqual(frames.map(hex));
  });

  it('throws when the body ends inside a frame, at any point of it', async () => {
    for (const end of [1, 4, 11, 12, 100, 214]) {
      await expect(collect(splitEventStreamFrames(bodyOf(bytes.slice(0, end))))).rejects.toMatchObject({
        kind: 'upstream_error',
        message: expect.stringContaining('ended inside a frame'),
      });
    }
  });

  it('throws on a length no frame can have', async () => {
    const tooShort = Uint8Array.from([0, 0, 0, 8, 0, 0, 0, 0]);
    const tooLong = Uint8Array.from([0x7f, 0, 0, 0]);
    for (const body of [tooShort, tooLong]) {
      await expect(collect(splitEventStreamFrames(bodyOf(body)))).rejects.toMatchObject({
        kind: 'upstream_error',
      });
    }
  });

  it('yields nothing for an empty body', async () => {
    expect(await collect(splitEventStreamFrames(bodyOf(new Uint8Array(0))))).toEqual([]);
  });
});
