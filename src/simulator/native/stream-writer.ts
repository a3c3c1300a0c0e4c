import type { FastifyReply } from 'fastify';
import type { SimulatorState } from '../simulator-state.ts';
import { waitWhileConnected } from '../wait-while-connected.ts';

/** What goes wrong part-way through a stream. */
export type StreamBreak =
  /** Send `event` in place of the rest, then end the body. */
  | { afterEvents: number; event: Uint8Array | string }
  /** Send half of the next event, then reset the connection. */
  | { afterEvents: number; reset: true };

/** One streamed answer: a 200, its events in order, their spacing, and an optional break. */
export interface StreamPlan {
  contentType: string;
  events: (Uint8Array | string)[];
  /** Pause between two events. */
  delayMs: number;
  /** Cuts one event into the pieces written one by one (several TCP writes); default: whole. */
  split?: ((event: Uint8Array) => Uint8Array[]) | undefined;
  breakAt?: StreamBreak | undefined;
}

function writePiece(reply: FastifyReply, piece: Uint8Array): Promise<void> {
  return new Promise((resolve) => {
    reply.raw.write(piece, () => setImmediate(resolve));
  });
}

/** Writes a streamed answer event by event, stopping when the client goes away. */
export async function writeStream(
  state: SimulatorState,
  reply: FastifyReply,
  plan: StreamPlan,
): Promise<void> {
  reply.hijack();
  const response = reply.raw;
  response.writeHead(200, { 'content-type': plan.contentType, 'cache-control': 'no-cache' });
  const split = plan.split ?? ((event: Uint8Array) => [event]);
  for (const [index, event] of plan.events.entries()) {
    if (index > 0 && !(await waitWhileConnected(reply, plan.delayMs))) {
      state.counters.abandoned += 1;
      return;
    }
    const bytes = typeof event === 'string' ? Buffer.from(event) : event;
    const breakAt = plan.breakAt;
    if (breakAt !== undefined && index === breakAt.afterEvents) {
      if ('reset' in breakAt) {
        await writePiece(reply, bytes.subarray(0, Math.ceil(bytes.length / 2)));
        response.socket?.resetAndDestroy();
        return;
      }
      await writePiece(reply, typeof breakAt.event === 'string' ? Buffer.from(breakAt.event) : breakAt.event);
      response.end();
      return;
    }
    for (const piece of split(bytes)) await writePiece(reply, piece);
  }
  response.end();
}
