// Graceful shutdown of one HTTP server. drain(timeoutMs):
//
// | Step                         | What happens                                                             |
// |------------------------------|--------------------------------------------------------------------------|
// | at once                      | the listener closes (new connections are refused) and idle keep-alive    |
// |                              | sockets with it; a request arriving on a busy connection gets 503 with   |
// |                              | Retry-After and `connection: close`; responses not yet begun close their |
// |                              | connection when done                                                     |
// | until every request is done  | in-flight requests and streams run on, up to timeoutMs                  |
// | at the deadline              | open streams are ended with their protocol's error event (a 503 before  |
// |                              | their first byte), requests not yet answered get a 503 with Retry-After |
// |                              | in their protocol; after a short grace every socket left is closed      |
//
// Probe paths (health, liveness, readiness) keep their own answers while draining.
import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError } from '../core/errors.ts';
import { replyWithClientError } from '../protocols/client-protocol.ts';
import { StreamRegistry, streamRegistryDecorator } from '../streaming/stream-registry.ts';

/** What a drain did, for the shutdown log line. */
export interface DrainOutcome {
  /** Every request and stream finished on its own before the deadline. */
  finishedInTime: boolean;
  /** Streams ended early at the deadline. */
  streamsEnded: number;
  /** Requests still unanswered at the deadline: each got a 503 before its connection was closed. */
  requestsCut: number;
}

/** How a guard treats requests while draining. */
export interface ShutdownGuardOptions {
  /** Paths still answered normally while draining (health probes). */
  servedWhileDraining: readonly string[];
  /** After the deadline, how long ended streams get to send their error event; default 1 s. */
  endGraceMs?: number;
  /** Retry-After on the 503 for requests that arrive while draining; default 1. */
  retryAfterSeconds?: number;
}

const defaultEndGraceMs = 1000;
const defaultRetryAfterSeconds = 1;

/** Tracks a server's in-flight requests and streams, and drains them when it shuts down. */
export class ShutdownGuard {
  readonly #app: FastifyInstance;
  readonly #options: ShutdownGuardOptions;
  readonly #served: Set<string>;
  /** Every response not yet finished, with the request and reply it belongs to. */
  readonly #open = new Map<ServerResponse, { request: FastifyRequest; reply: FastifyReply }>();
  readonly #streams = new StreamRegistry();
  readonly #idleWaiters = new Set<() => void>();
  #drained: Promise<DrainOutcome> | undefined;

  /** Hooks into the app; call before it starts listening. */
  constructor(app: FastifyInstance, options: ShutdownGuardOptions) {
    this.#app = app;
    this.#options = options;
    this.#served = new Set(options.servedWhileDraining);
    app.decorate(streamRegistryDecorator, this.#streams);
    app.addHook('onRequest', async (request, reply) => {
      this.#track(request, reply);
      if (this.#drained === undefined || this.#served.has(request.url.split('?')[0] ?? '')) return;
      reply.header('connection', 'close');
      return replyWithClientError(request, reply, this.#shuttingDown());
    });
  }

  /** True from the moment a drain begins. */
  get draining(): boolean {
    return this.#drained !== undefined;
  }

  /** Requests (streams included) whose responses have not finished. */
  get inFlight(): number {
    return this.#open.size;
  }

  /** Refuses new work, lets in-flight work finish within timeoutMs, then ends the rest; runs once. */
  drain(timeoutMs: number): Promise<DrainOutcome> {
    this.#drained ??= this.#drain(timeoutMs);
    return this.#drained;
  }

  async #drain(timeoutMs: number): Promise<DrainOutcome> {
    const { server } = this.#app;
    for (const response of this.#open.keys()) {
      if (!response.headersSent) response.setHeader('connection', 'close');
    }
    if (server.listening) server.close();
    const finishedInTime = await this.#whenIdle(timeoutMs);
    let streamsEnded = 0;
    let requestsCut = 0;
    if (!finishedInTime) {
      streamsEnded = this.#streams.stopAll(this.#shuttingDown());
      // A stream stopped before its first byte sends its own 503 within this turn of the event
      // loop; waiting for the next one keeps it from being answered twice.
      await new Promise((resolve) => setImmediate(resolve));
      requestsCut = this.#answerUnanswered();
      await this.#whenIdle(this.#options.endGraceMs ?? defaultEndGraceMs);
    }
    server.closeAllConnections();
    return { finishedInTime, streamsEnded, requestsCut };
  }

  #answerUnanswered(): number {
    let answered = 0;
    for (const [response, { request, reply }] of this.#open) {
      if (response.headersSent) continue;
      replyWithClientError(request, reply, this.#shuttingDown());
      // Its handler is still at work; whatever it returns later must not be sent a second time.
      reply.hijack();
      answered += 1;
    }
    return answered;
  }

  #track(request: FastifyRequest, reply: FastifyReply): void {
    const response = reply.raw;
    this.#open.set(response, { request, reply });
    response.once('close', () => {
      this.#open.delete(response);
      if (this.#open.size === 0) for (const wake of this.#idleWaiters) wake();
    });
  }

  /** True once nothing is in flight, false if timeoutMs passes first. */
  #whenIdle(timeoutMs: number): Promise<boolean> {
    if (this.#open.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const settle = (idle: boolean) => {
        clearTimeout(timer);
        this.#idleWaiters.delete(onIdle);
        resolve(idle);
      };
      const onIdle = () => settle(true);
      const timer = setTimeout(() => settle(false), timeoutMs);
      this.#idleWaiters.add(onIdle);
    });
  }

  #shuttingDown(): GatewayError {
    return new GatewayError('upstream_unavailable', 'The gateway is shutting down; retry the request.', {
      code: 'shutting_down',
      retryAfterSeconds: this.#options.retryAfterSeconds ?? defaultRetryAfterSeconds,
    });
  }
}
