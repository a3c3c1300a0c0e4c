import type { ServerResponse } from 'node:http';

/** Aborts `controller` when the client goes away before its answer has ended, so the upstream
 * call stops: the one place a request's disconnect is wired, for whole and streamed answers. */
export function abortOnDisconnect(response: ServerResponse, controller: AbortController): void {
  // A client gone before the handler ran has had its 'close' already.
  if (response.destroyed) {
    controller.abort();
    return;
  }
  // 'close' also fires after a normal end; only a close before it is a disconnect.
  response.on('close', () => {
    if (!response.writableEnded) controller.abort();
  });
}
