import type { Dispatcher } from 'undici';

/** An upstream answer of any status with its whole body, as undici parsed its headers. */
export interface WholeAnswer {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** How one whole exchange may end early. */
export interface WholeExchangeLimits {
  /** The caller's signal: its abort ends the exchange with its reason. */
  signal: AbortSignal | undefined;
  /** The whole exchange's budget, headers and body included. */
  timeoutMs: number;
  /** Told just before the exchange is ended for running out of time. */
  onTimeout: () => void;
}

/**
 * Sends one request and collects the body's bytes as they come, without the stream undici's
 * request API wraps every body in (a Readable, its buffering and its end events: a few
 * microseconds per call that an answer read whole does not need). Rejects with the caller's
 * abort reason, or with undici's own error when the connection fails or the time runs out.
 */
export function sendWhole(
  dispatcher: Dispatcher,
  options: Dispatcher.DispatchOptions,
  limits: WholeExchangeLimits,
): Promise<WholeAnswer> {
  const { signal } = limits;
  return new Promise<WholeAnswer>((resolve, reject) => {
    let controller: Dispatcher.DispatchController | undefined;
    // An abort while the request waits for a connection settles at once; the request itself is
    // ended as it starts, before anything is written.
    let pendingAbort: Error | undefined;
    let settled = false;
    let statusCode = 0;
    let headers: WholeAnswer['headers'] = {};
    const chunks: Buffer[] = [];
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    const abort = (reason: Error) => {
      if (controller) return controller.abort(reason);
      pendingAbort ??= reason;
      settle(() => reject(reason));
    };
    const timer = setTimeout(() => {
      limits.onTimeout();
      abort(new Error(`no whole answer within ${limits.timeoutMs} ms`));
    }, limits.timeoutMs);
    const onAbort = () => abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(started) {
        controller = started;
        if (pendingAbort) started.abort(pendingAbort);
      },
      onResponseStart(_controller, code, responseHeaders) {
        statusCode = code;
        headers = responseHeaders as WholeAnswer['headers'];
      },
      onResponseData(_controller, chunk) {
        chunks.push(chunk);
      },
      onResponseEnd() {
        const [only] = chunks;
        const body =
          chunks.length === 1 && only ? only.toString('utf8') : Buffer.concat(chunks).toString('utf8');
        settle(() => resolve({ statusCode, headers, body }));
      },
      onResponseError(_controller, error) {
        settle(() => reject(error));
      },
    };
    try {
      dispatcher.dispatch(options, handler);
    } catch (error) {
      settle(() => reject(error));
    }
  });
}
