import type { Dispatcher } from 'undici';
import { GatewayError } from '../core/errors.ts';
import type { HttpExchange, HttpRequest } from './http-exchange.ts';
import { classifyFailure, formatSeconds } from './upstream-network-error.ts';

// Two timers instead of one for the whole exchange: a stream may rightly last minutes, so only
// the wait for its headers and each wait for its next bytes are bounded. The idle timer runs
// only while the body is waited on (or not yet read), never while the reader holds a chunk, so
// a slow reader downstream is not mistaken for a stalled upstream.

/** One upstream exchange whose body is read as it arrives. */
export interface HttpStreamRequest extends Omit<HttpRequest, 'timeoutMs'> {
  /** Longest wait for the status and headers. */
  headersTimeoutMs: number;
  /** Longest wait for the next bytes of the body (and for the first read of it). */
  idleTimeoutMs: number;
}

/** An upstream answer of any status whose body arrives in pieces. */
export interface HttpStreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body's bytes as they arrive; read it once, or read `text()` instead. */
  body: AsyncIterable<Uint8Array>;
  /** Reads the rest of the body as text, e.g. an error body. */
  text(): Promise<string>;
  /** Stops reading and frees the connection; harmless once the body has ended. */
  cancel(): void;
}

/** What the stream reports to its client when its exchange ends. */
export interface HttpStreamHooks {
  clock: () => number;
  onEnd: (exchange: HttpExchange) => void;
}

/** Sends `request` through `dispatcher` and resolves once the headers are in; the body follows. */
export async function openHttpStream(
  dispatcher: Dispatcher,
  request: HttpStreamRequest,
  hooks: HttpStreamHooks,
): Promise<HttpStreamResponse> {
  const url = new URL(request.url);
  const callerSignal = request.signal;
  callerSignal?.throwIfAborted();
  const controller = new AbortController();
  const startedAt = hooks.clock();
  let timer: NodeJS.Timeout | undefined;
  let timedOut: 'headers' | 'body' | undefined;
  let ended = false;

  const forwardAbort = () => controller.abort(callerSignal?.reason);
  const finish = (outcome: HttpExchange['status']) => {
    if (ended) return;
    ended = true;
    clearTimeout(timer);
    callerSignal?.removeEventListener('abort', forwardAbort);
    hooks.onEnd({ method: request.method, url, status: outcome, durationMs: hooks.clock() - startedAt });
  };
  const arm = (phase: 'headers' | 'body', ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = phase;
      controller.abort();
      finish('timeout');
    }, ms);
  };
  // Why the exchange failed, as the caller should see it, and as metrics should count it.
  const fail = (error: unknown): unknown => {
    const timeout = timedOut === undefined ? undefined : timeoutError(timedOut, request, error);
    const failure = classifyFailure(error, callerSignal, timeout);
    finish(failure.status);
    return failure.error;
  };

  callerSignal?.addEventListener('abort', forwardAbort, { once: true });
  arm('headers', request.headersTimeoutMs);
  let response: Dispatcher.ResponseData;
  try {
    response = await dispatcher.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: controller.signal,
      // The timers above replace undici's own, so that every timeout reads the same.
      headersTimeout: 0,
      bodyTimeout: 0,
    });
  } catch (error) {
    throw fail(error);
  }
  const status = response.statusCode;
  arm('body', request.idleTimeoutMs);
  const chunks = response.body[Symbol.asyncIterator]();

  async function* read(): AsyncGenerator<Uint8Array> {
    try {
      for (;;) {
        arm('body', request.idleTimeoutMs);
        const next = await chunks.next();
        clearTimeout(timer);
        if (next.done) break;
        yield next.value as Uint8Array;
      }
      finish(status);
    } catch (error) {
      throw fail(error);
    } finally {
      // The reader stopped early: the connection must not wait for a body nobody reads.
      if (!ended) cancel();
    }
  }
  const cancel = () => {
    if (ended) return;
    finish(callerSignal?.aborted ? 'aborted' : status);
    response.body.destroy();
  };
  const body = read();
  return {
    status,
    headers: response.headers,
    body,
    async text() {
      const decoder = new TextDecoder();
      let text = '';
      for await (const chunk of body) text += decoder.decode(chunk, { stream: true });
      return text + decoder.decode();
    },
    cancel,
  };
}

function timeoutError(phase: 'headers' | 'body', request: HttpStreamRequest, cause: unknown): GatewayError {
  const timeoutMs = phase === 'headers' ? request.headersTimeoutMs : request.idleTimeoutMs;
  const message =
    phase === 'headers'
      ? `Salesforce did not start its answer within ${formatSeconds(timeoutMs)}.`
      : `Salesforce sent nothing for ${formatSeconds(timeoutMs)} in the middle of its answer.`;
  return new GatewayError('upstream_timeout', message, {
    retryable: phase === 'headers',
    detail: { phase, timeoutMs },
    cause,
  });
}
