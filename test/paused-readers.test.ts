import { afterEach, describe, expect, it } from 'vitest';
import { openPausedReader, type PausedReader } from '../src/bench/open-paused-reader.ts';
import { whileWatchingLiveness } from '../src/bench/watch-liveness.ts';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';
import { openStream } from './support/open-stream.ts';

// Clients that ask for an answer and then stop reading must give their slots back once the stall
// timeout has passed, without stalling anyone else meanwhile; waiting for a slow upstream, with
// keep-alives going out, is no stall.

const stallTimeoutMs = 1000;
const keepAliveMs = 200;
const streamingReaders = 6;
const wholeAnswerReaders = 2;
const slots = streamingReaders + wholeAnswerReaders;
// Big enough that the answers overflow the loopback socket buffers of both ends: a streamed answer
// is about twelve times its text in SSE frames, a whole one about its text.
const streamedText = 'word '.repeat(100_000);
const wholeText = 'word '.repeat(1_600_000);
const wholeMarker = '#whole-answer';

let stack: GatewayStack;
const readers: PausedReader[] = [];

afterEach(async () => {
  for (const reader of readers.splice(0)) reader.destroy();
  await stack.close();
});

async function startStack(settings: Record<string, string> = {}) {
  stack = await startGatewayStack({
    settings: {
      STREAM_STALL_TIMEOUT_MS: String(stallTimeoutMs),
      STREAM_KEEPALIVE_MS: String(keepAliveMs),
      MAX_IN_FLIGHT: String(slots),
      ...settings,
    },
  });
}

function chatBody(content: string, stream: boolean) {
  return { model: 'gpt-4o', stream, messages: [{ role: 'user', content }] };
}

async function runningModelRequests(): Promise<number> {
  const response = await fetch(`${stack.url}/health`);
  const health = (await response.json()) as { modelRequests: { running: number } };
  return health.modelRequests.running;
}

/** Polls /health until `done` holds for the running count; resolves with how long that took. */
async function waitForRunning(done: (running: number) => boolean, timeoutMs: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (done(await runningModelRequests())) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`the running model requests did not settle within ${timeoutMs} ms`);
}

describe('clients that stop reading', () => {
  it('are cut after the stall timeout, give their slots back, and stall nobody meanwhile', async () => {
    await startStack();
    stack.simulator.setResponder((request) =>
      JSON.stringify(request.messages).includes(wholeMarker) ? wholeText : streamedText,
    );
    const { result, liveness } = await whileWatchingLiveness(stack.url, async () => {
      for (let index = 0; index < slots; index += 1) {
        const whole = index < wholeAnswerReaders;
        const body = chatBody(whole ? `a long answer ${wholeMarker}` : 'a long stream', !whole);
        readers.push(openPausedReader(stack.url, { method: 'POST', path: '/v1/chat/completions', body }));
      }
      await waitForRunning((running) => running === slots, 5000);
      const freedAfterMs = await waitForRunning((running) => running === 0, 6 * stallTimeoutMs);
      const started = performance.now();
      const answer = await stack.openai.chat.completions.create(chatBody('hello', false) as never);
      return { freedAfterMs, answer, answeredAfterMs: performance.now() - started };
    });
    // Node checks the socket once per period, so a cut comes one to two periods after the last byte
    // taken; the answers also take a moment to fill the socket buffers after the slots are taken.
    expect(result.freedAfterMs).toBeLessThan(2 * stallTimeoutMs + 2000);
    expect(result.answer.choices[0]?.message.content).toBe(streamedText);
    expect(result.answeredAfterMs).toBeLessThan(1000);
    expect(liveness.longestMs).toBeLessThan(500);
    const cut = await stack.server.gateway.metrics.stalledReadersCut.get();
    expect(cut.values[0]?.value).toBe(slots);
    for (const reader of readers) {
      const outcome = await reader.resume();
      expect(outcome.error).toBe('ECONNRESET');
    }
  }, 20_000);

  it('are not what a slow upstream is: a stream kept alive and a whole answer both outlast the stall timeout', async () => {
    await startStack();
    const upstreamDelayMs = 3 * stallTimeoutMs;
    stack.simulator.setSlowMode(upstreamDelayMs);
    stack.simulator.setResponder(() => 'worth the wait');
    const started = performance.now();
    const [streamed, whole] = await Promise.all([
      readStream(`${stack.url}/v1/chat/completions`, chatBody('slowly', true)),
      stack.openai.chat.completions.create(chatBody('slowly', false) as never),
    ]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(upstreamDelayMs);
    expect(streamed).toContain(': keep-alive');
    expect(streamed).toContain('worth');
    expect(streamed).toContain('data: [DONE]');
    expect(whole.choices[0]?.message.content).toBe('worth the wait');
    const cut = await stack.server.gateway.metrics.stalledReadersCut.get();
    expect(cut.values[0]?.value ?? 0).toBe(0);
  }, 20_000);
});

async function readStream(url: string, body: unknown): Promise<string> {
  const { response } = await openStream(url, body);
  let text = '';
  for await (const chunk of response) text += String(chunk);
  return text;
}
