import type { ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';
import { findStreamRegistry } from './stream-registry.ts';

// Commit policy: the 200 and its headers go out only once the first frame is ready or the source
// has been silent for keepAliveMs. So an upstream that fails fast still gets a real HTTP status
// (with Retry-After), and a slow one gets keep-alive frames before clients' idle watchdogs fire.

/** Told about the moments of a stream that metrics care about. */
export interface StreamObserver {
  /** Just before the 200 goes out; headers set on the reply now are sent with it. */
  committing(): void;
  /** When the first frame that is not a keep-alive is handed to the socket. */
  firstFrameWritten(): void;
}

/** How to stream one SSE response. */
export interface SseResponseOptions {
  /** Already-encoded SSE frames. */
  frames: AsyncIterable<string>;
  /** While no frame has been produced for this long, a keep-alive frame is sent. */
  keepAliveMs: number;
  /** The keep-alive frame, e.g. an SSE comment or a protocol ping event. */
  keepAliveFrame: () => string;
  /** Extra response headers; a function is read at commit time, after the source has started. */
  headers?: Record<string, string> | (() => Record<string, string>);
  /** Called when the first frame fails before anything was committed; it sends a normal HTTP error. */
  onFirstFrameError: (error: unknown) => void | Promise<void>;
  /** The frame written when the source throws after the commit; without it the response just ends. */
  errorFrame?: (error: unknown) => string;
  /** The call's controller: the caller aborts it when the client disconnects, and the stream
   * then stops; aborted here too when the stream gives up early (a socket that stays full, a
   * shutdown), so the upstream call stops. */
  abortController: AbortController;
  observer?: StreamObserver;
}

type Pull = { kind: 'frame'; frame: string } | { kind: 'done' } | { kind: 'error'; error: unknown };
type Wait = Pull | { kind: 'idle' } | { kind: 'disconnected' } | { kind: 'stopped'; reason: unknown };

const sseHeaders = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
};

/** Streams frames onto the reply with keep-alives, backpressure, and a stop when the call is aborted. */
export async function writeSseResponse(reply: FastifyReply, options: SseResponseOptions): Promise<void> {
  const response = reply.raw;
  const { signal } = options.abortController;
  const iterator = options.frames[Symbol.asyncIterator]();
  let wake: ((wait: Wait) => void) | undefined;
  const onAbort = () => wake?.({ kind: 'disconnected' });
  signal.addEventListener('abort', onAbort);
  // A server that is shutting down ends the streams that outlast its deadline.
  let stopRequest: Wait | undefined;
  const unregister = findStreamRegistry(reply.server)?.add((reason) => {
    stopRequest = { kind: 'stopped', reason };
    wake?.(stopRequest);
  });

  const waitForFrame = (pending: Promise<Pull>): Promise<Wait> =>
    new Promise((resolve) => {
      if (signal.aborted) return resolve({ kind: 'disconnected' });
      if (stopRequest) return resolve(stopRequest);
      const timer = setTimeout(() => resolve({ kind: 'idle' }), options.keepAliveMs);
      wake = (wait) => {
        clearTimeout(timer);
        resolve(wait);
      };
      void pending.then(wake);
    });

  let committed = false;
  let framesWritten = 0;
  const commit = () => {
    committed = true;
    options.observer?.committing();
    reply.hijack();
    const extraHeaders = typeof options.headers === 'function' ? options.headers() : options.headers;
    // Headers set on the reply earlier (request id, CORS) are not sent by Fastify once hijacked.
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) response.setHeader(name, value);
    }
    response.writeHead(200, { ...sseHeaders, ...extraHeaders });
  };

  try {
    let pending = pull(iterator);
    for (;;) {
      const wait = await waitForFrame(pending);
      if (wait.kind === 'disconnected' || signal.aborted) {
        // Nothing can reach the client any more; hijack so Fastify does not try to answer either.
        if (!committed) reply.hijack();
        stopSource(iterator);
        return;
      }
      if (wait.kind === 'error' || wait.kind === 'stopped') {
        const error = wait.kind === 'error' ? wait.error : wait.reason;
        if (!committed) await options.onFirstFrameError(error);
        else {
          if (options.errorFrame) await write(response, options.errorFrame(error));
          response.end();
        }
        // A stopped source is still at work (an upstream call, say): release it.
        if (wait.kind === 'stopped') {
          options.abortController.abort();
          stopSource(iterator);
        }
        return;
      }
      if (!committed) commit();
      if (wait.kind === 'done') {
        response.end();
        return;
      }
      const frame = wait.kind === 'frame' ? wait.frame : options.keepAliveFrame();
      if (wait.kind === 'frame') {
        pending = pull(iterator);
        if (framesWritten++ === 0) options.observer?.firstFrameWritten();
      }
      const written = write(response, frame);
      if (framesWritten === 1 && wait.kind === 'frame') flushNow(response);
      if (!(await written)) {
        options.abortController.abort();
        stopSource(iterator);
        return;
      }
    }
  } finally {
    unregister?.();
    signal.removeEventListener('abort', onAbort);
  }
}

async function pull(iterator: AsyncIterator<string>): Promise<Pull> {
  try {
    const next = await iterator.next();
    return next.done ? { kind: 'done' } : { kind: 'frame', frame: next.value };
  } catch (error) {
    return { kind: 'error', error };
  }
}

/** Asks the source to finish (runs its `finally` blocks) without waiting for it. */
function stopSource(iterator: AsyncIterator<string>): void {
  try {
    Promise.resolve(iterator.return?.()).catch(() => {});
  } catch {
    // A source whose return() throws synchronously has nothing left to clean up.
  }
}

/**
 * Sends what the socket holds now. Node corks a response's socket on a write until the next tick,
 * and a source that has its whole answer (a simulated stream, a stream that arrived in one read)
 * is encoded to the end in one run of microtasks: without this the headers and the first frame
 * would wait for the last frame. Later frames keep Node's batching (one syscall per tick).
 */
function flushNow(response: ServerResponse): void {
  const socket = response.socket;
  if (socket !== null && socket.writableCorked > 0) socket.uncork();
}

/** Writes one frame, waiting for 'drain' when the socket is full; false when the client is gone. */
function write(response: ServerResponse, frame: string): Promise<boolean> {
  if (response.destroyed || response.writableEnded) return Promise.resolve(false);
  if (response.write(frame)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const settle = (drained: boolean) => {
      response.off('drain', onDrain);
      response.off('close', onClose);
      resolve(drained);
    };
    const onDrain = () => settle(true);
    const onClose = () => settle(false);
    response.on('drain', onDrain);
    response.on('close', onClose);
  });
}
