import type { StreamEvent } from './model.ts';

/** A stream whose first step has been pulled: that step, and the iterator that goes on from it. */
export interface StartedStream {
  first: IteratorResult<StreamEvent>;
  rest: AsyncIterator<StreamEvent>;
}

/** Opens `events` and waits for the first step. A first event that is an error is thrown instead:
 * nothing has been answered yet, so it is a failure to start, like a throw. */
export async function startStream(events: AsyncIterable<StreamEvent>): Promise<StartedStream> {
  const rest = events[Symbol.asyncIterator]();
  const first = await rest.next();
  if (first.done !== true && first.value.type === 'error') {
    rest.return?.().catch(() => {});
    throw first.value.error;
  }
  return { first, rest };
}

/** The events of a stream that `start` opens on the first pull; every later pull goes straight to
 * the started iterator, without a hop of its own. */
export function resumeWhenPulled(start: () => Promise<StartedStream>): AsyncIterable<StreamEvent> {
  return {
    [Symbol.asyncIterator]() {
      let rest: AsyncIterator<StreamEvent> | undefined;
      let closed = false;
      return {
        next: () => {
          if (rest) return rest.next();
          return start().then((started) => {
            rest = started.rest;
            // Closed while it was starting (the client left): release what just opened.
            if (closed) rest.return?.().catch(() => {});
            return started.first;
          });
        },
        return: async (value?: unknown) => {
          closed = true;
          if (rest?.return) return rest.return(value);
          return { done: true as const, value: undefined };
        },
      };
    },
  };
}
