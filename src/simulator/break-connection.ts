import type { FastifyReply } from 'fastify';
import type { ConnectionFailure } from './faults.ts';
import type { SimulatorState } from './simulator-state.ts';

// Long enough that its first half is plainly not a whole JSON document.
const truncatedBody = JSON.stringify({
  message: 'This body is cut off before its end, as by a proxy or a crashed server.',
});

/**
 * Breaks the connection of `reply` instead of answering and resolves once the connection is gone.
 * A hang resolves only when the client gives up or the simulator closes; it is counted as abandoned.
 */
export async function breakConnection(
  reply: FastifyReply,
  failure: ConnectionFailure,
  state: SimulatorState,
): Promise<void> {
  reply.hijack();
  const response = reply.raw;
  const closed = new Promise<void>((resolve) => {
    if (response.destroyed) resolve();
    else response.once('close', () => resolve());
  });
  if (failure === 'reset') {
    response.socket?.resetAndDestroy();
  } else if (failure === 'truncate') {
    response.writeHead(200, {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(truncatedBody)),
    });
    response.write(truncatedBody.slice(0, truncatedBody.length / 2), () => response.socket?.destroy());
  }
  await closed;
  // Read at the end: a reset() while the connection hung replaces the counters.
  if (failure === 'hang') state.counters.abandoned += 1;
}
