import { GatewayError } from '../../../core/errors.ts';

/** Bytes of an event-stream frame besides headers and payload: prelude (12) and message CRC (4). */
const frameOverhead = 16;
/** AWS's own runtime refuses frames above 16 MiB; a larger length means the framing is corrupt. */
const maxFrameLength = 16 * 1024 * 1024;

/** HTTP body chunks, split anywhere -> whole AWS event-stream frames, one per item. The codec
 * decodes only whole frames, so the bytes are buffered until a frame's total length is in. */
export async function* splitEventStreamFrames(body: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  const pending = new ByteQueue();
  for await (const chunk of body) {
    pending.push(chunk);
    while (pending.length >= 4) {
      const frameLength = new DataView(pending.peek(4).buffer).getUint32(0, false);
      if (frameLength < frameOverhead || frameLength > maxFrameLength) {
        throw corrupt(`a frame claims a length of ${frameLength} bytes`);
      }
      if (pending.length < frameLength) break;
      yield pending.take(frameLength);
    }
  }
  if (pending.length > 0)
    throw corrupt(`the stream ended inside a frame (${pending.length} bytes left over)`);
}

function corrupt(reason: string): GatewayError {
  return new GatewayError('upstream_error', `Salesforce's event stream broke off or is corrupt: ${reason}.`, {
    retryable: false,
  });
}

// Chunks are kept as they came and joined only when a frame is taken, so a large frame that
// arrives in many small reads is copied once rather than once per read.
class ByteQueue {
  private chunks: Uint8Array[] = [];
  length = 0;

  push(chunk: Uint8Array): void {
    if (chunk.byteLength === 0) return;
    this.chunks.push(chunk);
    this.length += chunk.byteLength;
  }

  /** A fresh copy of the first `size` bytes, left in the queue. */
  peek(size: number): Uint8Array {
    const out = new Uint8Array(size);
    let filled = 0;
    for (const chunk of this.chunks) {
      const piece = chunk.subarray(0, size - filled);
      out.set(piece, filled);
      filled += piece.byteLength;
      if (filled === size) break;
    }
    return out;
  }

  /** The first `size` bytes as a fresh array, removed from the queue. */
  take(size: number): Uint8Array {
    const out = this.peek(size);
    let left = size;
    while (left > 0) {
      const first = this.chunks[0] as Uint8Array;
      if (first.byteLength <= left) {
        this.chunks.shift();
        left -= first.byteLength;
      } else {
        this.chunks[0] = first.subarray(left);
        left = 0;
      }
    }
    this.length -= size;
    return out;
  }
}
