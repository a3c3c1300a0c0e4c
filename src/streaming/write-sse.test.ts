import { setTimeout as sleep } from 'node:timers/promises';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { abortOnDisconnect } from '../protocols/shared/abort-on-disconnect.ts';
import { encodeSseComment, encodeSseEvent } from './sse.ts';
import { type SseResponseOptions, writeSseResponse } from './write-sse.ts';

type StreamSetup = Omit<SseResponseOptions, 'keepAliveFrame' | 'abortController' | 'onFirstFrameError'> & {
  onFirstFrameError?: SseResponseOptions['onFirstFrameError'];
};

interface Harness {
  url: string;
  /** The controller handed to writeSseResponse for the latest request. */
  controller: () => AbortController;
  /** Settles when writeSseResponse has returned for the latest request. */
  finished: () => Promise<void>;
  /** How many requests reached the handler. */
  handled: () => number;
}

let app: FastifyInstance | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function startServer(setup: (abortController: AbortController) => StreamSetup): Promise<Harness> {
  app = Fastify();
  let controller = new AbortController();
  let finished: Promise<void> = Promise.resolve();
  let handled = 0;
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.post('/stream', async (_request, reply) => {
    handled += 1;
    controller = new AbortController();
    // As a route's call context does: a client that leaves aborts the call.
    abortOnDisconnect(reply.raw, controller);
    const options = setup(controller);
    finished = writeSseResponse(reply, {
      keepAliveFrame: () => encodeSseComment('keep-alive'),
      abortController: controller,
      onFirstFrameError: async () => {
        await reply
          .code(503)
          .header('retry-after', '7')
          .send({ error: { message: 'upstream down' } });
      },
      ...options,
    });
    await finished;
    return reply;
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: `${address}/stream`,
    controller: () => controller,
    finished: () => finished,
    handled: () => handled,
  };
}

async function* framesOf(...items: Array<string | number | Error>): AsyncIterable<string> {
  for (const item of items) {
    if (typeof item === 'number') await sleep(item);
    else if (item instanceof Error) throw item;
    else yield encodeSseEvent(item);
  }
}

describe('writeSseResponse', () => {
  it('streams frames with SSE headers, merged reply headers and lazily read extra headers', async () => {
    let sourceLabel = 'not started';
    async function* frames(): AsyncIterable<string> {
      sourceLabel = 'started';
      yield encodeSseEvent('one');
      yield encodeSseEvent('two');
    }
    const server = await startServer(() => ({
      frames: frames(),
      keepAliveMs: 10_000,
      headers: () => ({ 'x-source': sourceLabel }),
    }));
    const response = await fetch(server.url, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    expect(response.headers.get('x-request-id')).toMatch(/.+/);
    expect(response.headers.get('x-source')).toBe('started');
    expect(await response.text()).toBe('data: one\n\ndata: two\n\n');
  });

  it('sends keep-alive frames while the source is slow, before and between frames', async () => {
    const server = await startServer(() => ({ frames: framesOf(200, 'one', 200, 'two'), keepAliveMs: 40 }));
    const body = await (await fetch(server.url, { method: 'POST' })).text();
    const [beforeFirst, between] = body.split('data: one\n\n');
    expect(beforeFirst).toMatch(/^(: keep-alive\n\n)+$/);
    expect(between).toMatch(/^(: keep-alive\n\n)+data: two\n\n$/);
  });

  it('tells the observer once at commit, in time to add headers, and once at the first real frame', async () => {
    const moments: string[] = [];
    let replyForHeaders: FastifyReply | undefined;
    app = Fastify();
    app.post('/stream', async (_request, reply) => {
      replyForHeaders = reply;
      await writeSseResponse(reply, {
        frames: framesOf(120, 'one', 'two'),
        keepAliveMs: 30,
        keepAliveFrame: () => encodeSseComment('keep-alive'),
        abortController: new AbortController(),
        onFirstFrameError: () => undefined,
        observer: {
          committing: () => {
            moments.push('commit');
            replyForHeaders?.header('x-at-commit', String(moments.length));
          },
          firstFrameWritten: () => moments.push('first frame'),
        },
      });
      return reply;
    });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const response = await fetch(`${address}/stream`, { method: 'POST' });
    const body = await response.text();
    expect(response.headers.get('x-at-commit')).toBe('1');
    expect(body).toMatch(/^(: keep-alive\n\n)+data: one\n\ndata: two\n\n$/);
    expect(moments).toEqual(['commit', 'first frame']);
  });

  it('hands the headers and the first frame to the kernel before the source makes its last frame', async () => {
    // A source with its whole answer in memory runs to the end in one turn of microtasks, while
    // Node keeps the socket corked until the next tick: the first frame must not wait for it.
    let socket: { writableLength: number } | null = null;
    let heldAtLastPull = -1;
    async function* frames(): AsyncIterable<string> {
      yield encodeSseEvent('one');
      yield encodeSseEvent('two');
      // frame two is pulled before it is written; by now the head and frame one must have left
      heldAtLastPull = socket?.writableLength ?? -1;
      yield encodeSseEvent('three');
    }
    app = Fastify();
    app.post('/stream', async (_request, reply) => {
      socket = reply.raw.socket;
      await writeSseResponse(reply, {
        frames: frames(),
        keepAliveMs: 10_000,
        keepAliveFrame: () => encodeSseComment('keep-alive'),
        abortController: new AbortController(),
        onFirstFrameError: () => undefined,
      });
      return reply;
    });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const body = await (await fetch(`${address}/stream`, { method: 'POST' })).text();
    expect(body).toBe('data: one\n\ndata: two\n\ndata: three\n\n');
    // without the flush the socket still holds them here (about 220 bytes), corked until the next tick
    expect(heldAtLastPull).toBe(0);
  });

  it('answers a failure of the first frame with a normal HTTP error through onFirstFrameError', async () => {
    const server = await startServer(() => ({ frames: framesOf(new Error('boom')), keepAliveMs: 10_000 }));
    const response = await fetch(server.url, { method: 'POST' });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ error: { message: 'upstream down' } });
  });

  it('writes the error frame when the source fails after keep-alives committed the response', async () => {
    const server = await startServer(() => ({
      frames: framesOf(150, new Error('late failure')),
      keepAliveMs: 30,
      errorFrame: (error) => encodeSseEvent(JSON.stringify({ error: { message: (error as Error).message } })),
    }));
    const response = await fetch(server.url, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(
      /^(: keep-alive\n\n)+data: \{"error":\{"message":"late failure"\}\}\n\n$/,
    );
  });

  it('ends the response when the source fails after the commit and no error frame is given', async () => {
    const server = await startServer(() => ({
      frames: framesOf('one', new Error('late')),
      keepAliveMs: 10_000,
    }));
    const response = await fetch(server.url, { method: 'POST' });
    expect(await response.text()).toBe('data: one\n\n');
  });

  it('aborts the controller and stops pulling the source when the client disconnects', async () => {
    let sourceClosed = false;
    let framesPulled = 0;
    async function* endless(): AsyncIterable<string> {
      try {
        for (;;) {
          framesPulled += 1;
          yield encodeSseEvent(`frame ${framesPulled}`);
          await sleep(20);
        }
      } finally {
        sourceClosed = true;
      }
    }
    const server = await startServer(() => ({ frames: endless(), keepAliveMs: 10_000 }));
    const clientAbort = new AbortController();
    const response = await fetch(server.url, { method: 'POST', signal: clientAbort.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain('data: frame 1');
    clientAbort.abort();
    await server.finished();
    expect(server.controller().signal.aborted).toBe(true);
    await expect.poll(() => sourceClosed).toBe(true);
    const pulledAtClose = framesPulled;
    await sleep(100);
    expect(framesPulled).toBe(pulledAtClose);
  });

  it('aborts the controller when the client leaves before the first frame', async () => {
    const server = await startServer((abortController) => ({
      frames: (async function* () {
        await new Promise((_resolve, reject) => {
          abortController.signal.addEventListener('abort', () => reject(new Error('upstream aborted')));
        });
        yield encodeSseEvent('never');
      })(),
      keepAliveMs: 10_000,
    }));
    const clientAbort = new AbortController();
    const request = fetch(server.url, { method: 'POST', signal: clientAbort.signal });
    await expect.poll(() => server.handled()).toBe(1);
    clientAbort.abort();
    await expect(request).rejects.toThrow();
    await expect.poll(() => server.controller().signal.aborted).toBe(true);
    await server.finished();
  });

  it('stops pulling from the source while the client does not read (backpressure)', async () => {
    const frameCount = 200;
    let framesPulled = 0;
    const bigFrame = encodeSseEvent('x'.repeat(256 * 1024));
    async function* large(): AsyncIterable<string> {
      for (let index = 0; index < frameCount; index += 1) {
        framesPulled += 1;
        yield bigFrame;
      }
    }
    const server = await startServer(() => ({ frames: large(), keepAliveMs: 10_000 }));
    const clientAbort = new AbortController();
    const response = await fetch(server.url, { method: 'POST', signal: clientAbort.signal });
    expect(response.status).toBe(200);
    await sleep(300);
    expect(framesPulled).toBeLessThan(frameCount);
    clientAbort.abort();
    await server.finished();
  });
});
