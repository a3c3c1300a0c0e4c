import type { StreamEvent } from '../../core/model.ts';

/** Frames that `encode` makes only once the first step of `events` is in, so the encoder can be
 * told what only that step settles (the model that answers, after any fallback). A failure of
 * that step is thrown from the first pull, as an encoder does before its first frame; later
 * frames and events pass straight through, without a hop of their own. */
export function encodeFromFirstEvent(
  events: AsyncIterable<StreamEvent>,
  encode: (events: AsyncIterable<StreamEvent>) => AsyncIterable<string>,
): AsyncIterable<string> {
  return {
    [Symbol.asyncIterator]() {
      const source = events[Symbol.asyncIterator]();
      let frames: AsyncIterator<string> | undefined;
      const encodeFrom = (first: IteratorResult<StreamEvent>) => {
        frames = encode(replayFirst(first, source))[Symbol.asyncIterator]();
        return frames.next();
      };
      return {
        next: () => (frames ? frames.next() : source.next().then(encodeFrom)),
        return: (value?: unknown) => {
          // Once encoding, the encoder closes the events itself.
          if (frames?.return) return frames.return(value);
          if (!frames) source.return?.(value).catch(() => {});
          return Promise.resolve({ done: true as const, value: undefined });
        },
      };
    },
  };
}

// The events again, from the step already pulled.
function replayFirst(
  first: IteratorResult<StreamEvent>,
  source: AsyncIterator<StreamEvent>,
): AsyncIterable<StreamEvent> {
  return {
    [Symbol.asyncIterator]() {
      let replayed = false;
      return {
        next: () => {
          if (replayed) return source.next();
          replayed = true;
          return Promise.resolve(first);
        },
        return: (value?: unknown) =>
          source.return ? source.return(value) : Promise.resolve({ done: true as const, value: undefined }),
      };
    },
  };
}
