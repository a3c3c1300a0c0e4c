import { describe, expect, it } from 'vitest';
import { captureTextBody } from './captured-body.ts';
import { captureFrames, ResponseCapture } from './response-capture.ts';

describe('ResponseCapture', () => {
  it('keeps chunks until the bound is reached, then only notes that more came', () => {
    const capture = new ResponseCapture(10);
    capture.append('12345');
    capture.append('67890');
    expect(capture.cut).toBe(false);
    capture.append('dropped');
    capture.append('dropped too');
    expect(capture.text()).toBe('1234567890');
    expect(capture.cut).toBe(true);
  });

  it('keeps a stream bounded however many frames pass, and passes every frame on', async () => {
    const capture = new ResponseCapture(64);
    async function* frames() {
      for (let index = 0; index < 1_000; index++) yield `data: {"delta":"${index}"}\n\n`;
    }
    let passed = 0;
    for await (const _frame of captureFrames(frames(), capture)) passed += 1;
    expect(passed).toBe(1_000);
    expect(Buffer.byteLength(capture.text())).toBeLessThan(64 + 32);
    const captured = captureTextBody(capture.text(), 64, capture.cut);
    expect(Buffer.byteLength(captured.text)).toBeLessThanOrEqual(64);
    expect(captured.truncated).toBe(true);
  });
});
