import { describe, expect, it } from 'vitest';
import { startSimulatorUnderTest } from '../simulator-under-test.fixtures.ts';
import { seededRandom } from '../text-hash.ts';
import { decodeFrames, postNative } from './native-client.fixtures.ts';
import { splitAtRandomOffsets } from './split-writes.ts';

const { simulator, client } = await startSimulatorUnderTest();
const token = await client.fetchToken();

const longReply = 'one two three four five six seven eight';

// Reads a streamed body and notes when each piece arrived and what it held.
async function readTimed(response: Response): Promise<{ atMs: number; text: string }[]> {
  const pieces: { atMs: number; text: string }[] = [];
  const decoder = new TextDecoder();
  for await (const chunk of response.body ?? [])
    pieces.push({ atMs: performance.now(), text: decoder.decode(chunk) });
  return pieces;
}

describe('delta spacing', () => {
  it.each([
    [
      '/responses',
      { model: 'sfdc_ai__DefaultGPT54', input: 'x', stream: true },
      'response.output_text.delta',
    ],
    [
      '/chat/generations/stream',
      { model: 'sfdc_ai__DefaultGPT41Mini', messages: [{ role: 'user', content: 'x' }] },
      '"content":"',
    ],
  ])('spaces the deltas of %s by native.deltaDelayMs', async (path, body, marker) => {
    simulator.setNativeSettings({ deltaDelayMs: 50 });
    simulator.enqueueReplies(longReply);
    const pieces = (await readTimed(await postNative(simulator, path, { token, body }))).filter((piece) =>
      piece.text.includes(marker),
    );
    const first = pieces[0]?.atMs ?? 0;
    const last = pieces.at(-1)?.atMs ?? 0;
    expect(last - first).toBeGreaterThanOrEqual(200);
  });

  it('spaces Bedrock frames the same way', async () => {
    simulator.setNativeSettings({ deltaDelayMs: 50 });
    simulator.enqueueReplies(longReply);
    const path = '/model/sfdc_ai__DefaultBedrockAnthropicClaude46Sonnet/invoke-with-response-stream';
    const body = {
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'x' }],
    };
    const started = performance.now();
    const response = await postNative(simulator, path, { token, body });
    const frames = decodeFrames(new Uint8Array(await response.arrayBuffer()));
    expect(frames.length).toBeGreaterThanOrEqual(12);
    expect(performance.now() - started).toBeGreaterThanOrEqual(50 * (frames.length - 1) - 20);
  });
});

describe('frame splitting', () => {
  it('cuts frames into pieces that join back, some inside the 12-byte prelude', () => {
    const frame = new Uint8Array(200).map((_value, index) => index);
    const random = seededRandom(42);
    let cutInPrelude = false;
    for (let round = 0; round < 50; round += 1) {
      const pieces = splitAtRandomOffsets(frame, random);
      expect(Buffer.concat(pieces)).toEqual(Buffer.from(frame));
      expect(pieces.every((piece) => piece.length > 0)).toBe(true);
      if ((pieces[0]?.length ?? 0) < 12) cutInPrelude = true;
    }
    expect(cutInPrelude).toBe(true);
  });

  it('gives the same cuts for the same seed', () => {
    const frame = new Uint8Array(100);
    const lengths = (seed: number) =>
      splitAtRandomOffsets(frame, seededRandom(seed)).map((piece) => piece.length);
    expect(lengths(5)).toEqual(lengths(5));
  });

  it('streams split frames that a buffering decoder reassembles, some reads ending inside a prelude', async () => {
    simulator.setNativeSettings({ splitSeed: 3, deltaDelayMs: 5 });
    const path = '/model/sfdc_ai__DefaultBedrockAnthropicClaude46Sonnet/invoke-with-response-stream';
    const body = {
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'hi' }],
    };
    const response = await postNative(simulator, path, { token, body });
    const reads: Uint8Array[] = [];
    for await (const chunk of response.body ?? []) reads.push(chunk);
    const whole = new Uint8Array(Buffer.concat(reads));
    expect(decodeFrames(whole).length).toBeGreaterThan(5);
    const frameStarts: number[] = [];
    const view = new DataView(whole.buffer);
    for (let offset = 0; offset < whole.length; offset += view.getUint32(offset)) frameStarts.push(offset);
    let received = 0;
    const readEnds = reads.map((read) => (received += read.length));
    const endsInPrelude = readEnds.some((end) =>
      frameStarts.some((start) => end > start && end < start + 12),
    );
    expect(endsInPrelude).toBe(true);
  });
});
