import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { toGatewayError } from '../core/errors.ts';
import { replyWithClientError } from '../protocols/client-protocol.ts';
import { writeSseResponse } from '../streaming/write-sse.ts';
import { createApp } from './app.ts';
import { ShutdownGuard } from './shutdown-guard.ts';

interface Harness {
  app: FastifyInstance;
  guard: ShutdownGuard;
  url: string;
  /** Settles the pending /slow request. */
  answerSlow: () => void;
  /** Lets the /stream source finish. */
  finishStream: () => void;
  /** Whether the stream's upstream call was aborted. */
  streamAborted: () => boolean;
}

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function startHarness(): Promise<Harness> {
  const slow = Promise.withResolvers<void>();
  const streamEnd = Promise.withResolvers<void>();
  let aborted = false;
  app = createApp({ logger: pino({ level: 'silent' }), bodyLimitBytes: 1024 });
  const guard = new ShutdownGuard(app, { servedWhileDraining: ['/livez'], endGraceMs: 500 });
  app.get('/livez', async () => ({ status: 'ok' }));
  app.get('/slow', async () => {
    await slow.promise;
    return { done: true };
  });
  app.get('/stream', async (request, reply) => {
    const silentFirst = (request.query as { silent?: string }).silent === '1';
    const abortController = new AbortController();
    abortController.signal.addEventListener('abort', () => {
      aborted = true;
    });
    async function* frames() {
      if (!silentFirst) yield 'data: one\n\n';
      await streamEnd.promise;
      yield 'data: [DONE]\n\n';
    }
    await writeSseResponse(reply, {
      frames: frames(),
      keepAliveMs: 10_000,
      keepAliveFrame: () => ': keep-alive\n\n',
      onFirstFrameError: (error) => {
        replyWithClientError(request, reply, toGatewayError(error));
      },
      errorFrame: (error) => `data: ${JSON.stringify({ error: toGatewayError(error).message })}\n\n`,
      abortController,
    });
    return reply;
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    app,
    guard,
    url: `http://127.0.0.1:${port}`,
    answerSlow: () => slow.resolve(),
    finishStream: () => streamEnd.resolve(),
    streamAborted: () => aborted,
  };
}

/** A request on a brand-new connection: resolves with the status, or rejects when refused. */
function requestOnNewConnection(url: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

async function readFirstChunk(response: Response): Promise<{ first: string; rest: Promise<string> }> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const first = await reader.read();
  const rest = (async () => {
    let text = '';
    for (;;) {
      const next = await reader.read();
      if (next.done) return text;
      text += decoder.decode(next.value, { stream: true });
    }
  })();
  return { first: decoder.decode(first.value), rest };
}

describe('ShutdownGuard', () => {
  it('lets an in-flight request finish while refusing new connections and new requests', async () => {
    const harness = await startHarness();
    const inFlight = fetch(`${harness.url}/slow`);
    await expect.poll(() => harness.guard.inFlight).toBe(1);

    const drained = harness.guard.drain(10_000);
    expect(harness.guard.draining).toBe(true);
    await expect(requestOnNewConnection(`${harness.url}/livez`)).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });

    const refused = await harness.app.inject({ method: 'GET', url: '/v1/models' });
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.headers.connection).toBe('close');
    expect(refused.json()).toMatchObject({ error: { code: 'shutting_down' } });
    const probe = await harness.app.inject({ method: 'GET', url: '/livez' });
    expect(probe.statusCode).toBe(200);

    harness.answerSlow();
    const response = await inFlight;
    expect(await response.json()).toEqual({ done: true });
    expect(response.headers.get('connection')).toBe('close');
    expect(await drained).toEqual({ finishedInTime: true, streamsEnded: 0, requestsCut: 0 });
  });

  it('waits for a stream that ends before the deadline', async () => {
    const harness = await startHarness();
    const { first, rest } = await readFirstChunk(await fetch(`${harness.url}/stream`));
    expect(first).toBe('data: one\n\n');

    const drained = harness.guard.drain(10_000);
    harness.finishStream();
    expect(await rest).toBe('data: [DONE]\n\n');
    expect(await drained).toEqual({ finishedInTime: true, streamsEnded: 0, requestsCut: 0 });
  });

  it('ends a stream that outlasts the deadline with its error frame and aborts its source', async () => {
    const harness = await startHarness();
    const { first, rest } = await readFirstChunk(await fetch(`${harness.url}/stream`));
    expect(first).toBe('data: one\n\n');

    const outcome = await harness.guard.drain(50);
    expect(outcome).toEqual({ finishedInTime: false, streamsEnded: 1, requestsCut: 0 });
    expect(await rest).toBe(
      `data: ${JSON.stringify({ error: 'The gateway is shutting down; retry the request.' })}\n\n`,
    );
    expect(harness.streamAborted()).toBe(true);
  });

  it('answers a stream that has sent nothing yet with a 503 and Retry-After', async () => {
    const harness = await startHarness();
    const pending = fetch(`${harness.url}/stream?silent=1`);
    await expect.poll(() => harness.guard.inFlight).toBe(1);

    const outcome = await harness.guard.drain(50);
    const response = await pending;
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(await response.json()).toMatchObject({ error: { code: 'shutting_down' } });
    expect(outcome).toMatchObject({ finishedInTime: false, streamsEnded: 1, requestsCut: 0 });
  });

  it.each([
    ['OpenAI', {}, { error: { code: 'shutting_down', type: 'server_error' } }, 503],
    [
      'Anthropic',
      { 'anthropic-version': '2023-06-01' },
      { type: 'error', error: { type: 'overloaded_error' } },
      529,
    ],
  ])(
    'answers a plain request still unanswered at the deadline with an %s 503 and Retry-After',
    async (_protocol, headers, shape, status) => {
      const harness = await startHarness();
      const pending = fetch(`${harness.url}/slow`, { headers });
      await expect.poll(() => harness.guard.inFlight).toBe(1);

      expect(await harness.guard.drain(50)).toEqual({
        finishedInTime: false,
        streamsEnded: 0,
        requestsCut: 1,
      });
      const response = await pending;
      expect(response.status).toBe(status);
      expect(response.headers.get('retry-after')).toBe('1');
      expect(response.headers.get('connection')).toBe('close');
      expect(await response.json()).toMatchObject(shape);
      // the handler finishing afterwards sends nothing more, and says nothing about it
      harness.answerSlow();
    },
  );

  it('drains at once when nothing is in flight, and only once', async () => {
    const harness = await startHarness();
    const first = harness.guard.drain(10_000);
    expect(harness.guard.drain(0)).toBe(first);
    expect(await first).toEqual({ finishedInTime: true, streamsEnded: 0, requestsCut: 0 });
  });
});
