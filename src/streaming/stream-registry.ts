import type { FastifyInstance } from 'fastify';

/** The decorator name under which a server publishes its StreamRegistry to writeSseResponse. */
export const streamRegistryDecorator = 'sseStreams';

/** Ends a stream early; `reason` becomes the stream's error (a frame, or a status before the commit). */
export type StopStream = (reason: unknown) => void;

/** The SSE responses a server has open, so that a shutdown can end the ones that outlast it. */
export class StreamRegistry {
  readonly #streams = new Set<StopStream>();

  /** Registers an open stream; call the returned function once it has ended. */
  add(stop: StopStream): () => void {
    this.#streams.add(stop);
    return () => {
      this.#streams.delete(stop);
    };
  }

  /** How many streams are open. */
  get size(): number {
    return this.#streams.size;
  }

  /** Asks every open stream to end now; returns how many were asked. */
  stopAll(reason: unknown): number {
    const streams = [...this.#streams];
    for (const stop of streams) stop(reason);
    return streams.length;
  }
}

/** The registry a server publishes, if it tracks its streams at all. */
export function findStreamRegistry(server: FastifyInstance): StreamRegistry | undefined {
  return server.hasDecorator(streamRegistryDecorator)
    ? server.getDecorator<StreamRegistry>(streamRegistryDecorator)
    : undefined;
}
