/** The first bytes of an answer, kept for the console while it is written: whole answers and stream frames. */
export class ResponseCapture {
  readonly #maxBytes: number;
  readonly #chunks: string[] = [];
  #bytes = 0;
  /** More was written than was kept. */
  cut = false;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  /** Keeps `chunk` while the bound is not reached; the rest is only noted as cut. */
  append(chunk: string): void {
    if (this.#bytes >= this.#maxBytes) {
      this.cut = true;
      return;
    }
    this.#chunks.push(chunk);
    this.#bytes += Buffer.byteLength(chunk);
  }

  /** What was kept, as one text (cutting it to the exact bound is left to the capture). */
  text(): string {
    return this.#chunks.join('');
  }
}

/** Passes `frames` through, appending each to `capture` on the way. */
export async function* captureFrames(
  frames: AsyncIterable<string>,
  capture: ResponseCapture,
): AsyncIterable<string> {
  for await (const frame of frames) {
    capture.append(frame);
    yield frame;
  }
}
