import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { openPausedReader } from '../bench/open-paused-reader.ts';
import { registerWriteStallGuard } from './write-stall-guard.ts';

const stallTimeoutMs = 300;
// far more than the loopback socket buffers of both ends can hold, so a paused reader leaves bytes waiting
const bigBody = 'x'.repeat(16 * 1024 * 1024);
// longer than the stall timeout: waiting for the answer is no stall
const thinkingMs = stallTimeoutMs * 2;

let app: FastifyInstance;
// when the answer was handed over for writing; the stall can only begin after it
let answerSentAt: number | undefined;

afterEach(async () => {
  await app.close();
});

/** Serves GET /big, which thinks for a while and then answers with bigBody. */
async function startApp(onStall: () => void = () => undefined): Promise<string> {
  app = Fastify();
  answerSentAt = undefined;
  app.addHook('onSend', async () => {
    answerSentAt = performance.now();
  });
  registerWriteStallGuard(app, { stallTimeoutMs, onStall });
  app.get('/big', async () => {
    await new Promise((resolve) => setTimeout(resolve, thinkingMs));
    return bigBody;
  });
  return app.listen({ port: 0, host: '127.0.0.1' });
}

describe('registerWriteStallGuard', () => {
  it('resets the connection of a reader that stops taking a large answer, one to two periods after it stops', async () => {
    let stalledAt: number | undefined;
    const url = await startApp(() => {
      stalledAt = performance.now();
    });
    const started = performance.now();
    const reader = openPausedReader(url, { method: 'GET', path: '/big' });
    try {
      await new Promise((resolve) => setTimeout(resolve, thinkingMs + 3 * stallTimeoutMs));
      expect(stalledAt).toBeDefined();
      expect(answerSentAt).toBeDefined();
      // the wait for the answer is no stall: nothing is cut before the answer is written
      expect((answerSentAt as number) - started).toBeGreaterThanOrEqual(thinkingMs - 20);
      // measured from the answer, so the time a 16 MB write takes to start is not counted as the guard's
      const cutAfterMs = (stalledAt as number) - (answerSentAt as number);
      expect(cutAfterMs).toBeGreaterThanOrEqual(stallTimeoutMs - 20);
      expect(cutAfterMs).toBeLessThan(2 * stallTimeoutMs + 100);
      const outcome = await reader.resume();
      expect(outcome.error).toBe('ECONNRESET');
      expect(outcome.received).toBeLessThan(bigBody.length);
    } finally {
      reader.destroy();
    }
  });

  it('lets a reading client wait longer than the stall timeout for its answer, and take all of it', async () => {
    let stalls = 0;
    const url = await startApp(() => stalls++);
    const response = await fetch(`${url}/big`);
    expect((await response.text()).length).toBe(bigBody.length);
    expect(stalls).toBe(0);
  });
});
