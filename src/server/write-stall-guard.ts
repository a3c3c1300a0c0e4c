import type { FastifyInstance } from 'fastify';

// Write-stall policy: a client that stops reading must not keep its socket, its buffered answer
// and its admission slot for as long as it likes. Every response arms the socket's idle timeout.
// Node counts any read, any write and any progress of a pending write as activity, so the
// timeout fires only once the socket has been quiet for a whole period, which is checked once
// per period: a reader that takes nothing is cut between one and two periods after its last byte.
// When it fires, the response is judged:
// - bytes still wait to be taken by the reader: it stopped reading; its connection is reset, which
//   closes the response, aborts the upstream call and frees the slot. A reset rather than a FIN:
//   the kernel drops what it still holds for the reader at once, and a client that reads again
//   sees an error instead of an answer that merely looks short;
// - nothing waits: the gateway itself is quiet (the upstream is still working, or a stream waits
//   for its next frame), which is no fault of the reader; the next write arms the timeout again.

/** What the guard needs. */
export interface WriteStallGuardOptions {
  /** How long a socket with bytes waiting for its reader may go without taking any. */
  stallTimeoutMs: number;
  /** Told each time a stalled reader is cut. */
  onStall?: () => void;
}

/** Cuts the connection of any response whose reader stops taking its bytes. */
export function registerWriteStallGuard(app: FastifyInstance, options: WriteStallGuardOptions): void {
  app.addHook('onRequest', async (_request, reply) => {
    const response = reply.raw;
    // A 'timeout' listener on the response tells Node's server that timeouts are handled here.
    response.setTimeout(options.stallTimeoutMs, () => {
      const socket = response.socket;
      if (socket === null || socket.destroyed || socket.writableLength === 0) return;
      options.onStall?.();
      socket.resetAndDestroy();
    });
  });
}
