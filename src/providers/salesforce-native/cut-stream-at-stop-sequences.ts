import type { StreamEvent } from '../../core/model.ts';

/** The earliest place one of the sequences starts in `text`. */
function earliestStop(text: string, sequences: string[]): { position: number; sequence: string } | undefined {
  let earliest: { position: number; sequence: string } | undefined;
  for (const sequence of sequences) {
    if (sequence === '') continue;
    const position = text.indexOf(sequence);
    if (position !== -1 && (earliest === undefined || position < earliest.position)) {
      earliest = { position, sequence };
    }
  }
  return earliest;
}

/** How much of `held` can go out now: all but what could still become the start of a stop
 * sequence, never splitting a surrogate pair. */
function releasable(held: string, longest: number): number {
  let end = Math.max(0, held.length - (longest - 1));
  const last = held.charCodeAt(end - 1);
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) end -= 1;
  return end;
}

/**
 * Cuts a stream at the request's stop sequences, for a route whose upstream cannot stop by
 * itself: text that could still be the start of a sequence is held back until it is not, the
 * text from a sequence on is dropped along with everything after it, and the finish says which
 * sequence ended the text. Reasoning and tool-call events before the cut pass unchanged.
 */
export async function* cutStreamAtStopSequences(
  events: AsyncIterable<StreamEvent>,
  stopSequences: string[],
): AsyncIterable<StreamEvent> {
  const sequences = [...new Set(stopSequences)].filter((sequence) => sequence !== '');
  if (sequences.length === 0) {
    yield* events;
    return;
  }
  const longest = Math.max(...sequences.map((sequence) => sequence.length));
  let held = '';
  let stoppedBy: string | undefined;
  for await (const event of events) {
    if (stoppedBy !== undefined) {
      if (event.type === 'finish') {
        const finishReason = {
          unified: 'stop-sequence' as const,
          raw: event.finishReason.raw,
          stopSequence: stoppedBy,
        };
        yield { ...event, finishReason };
        return;
      }
      if (event.type === 'error') yield event;
      continue;
    }
    if (event.type === 'text-delta') {
      held += event.delta;
      const hit = earliestStop(held, sequences);
      if (hit) {
        const before = held.slice(0, hit.position);
        if (before !== '') yield { type: 'text-delta', index: event.index, delta: before };
        yield { type: 'text-end', index: event.index };
        held = '';
        stoppedBy = hit.sequence;
        continue;
      }
      const end = releasable(held, longest);
      if (end > 0) {
        yield { type: 'text-delta', index: event.index, delta: held.slice(0, end) };
        held = held.slice(end);
      }
      continue;
    }
    if (event.type === 'text-end' && held !== '') {
      yield { type: 'text-delta', index: event.index, delta: held };
      held = '';
    }
    yield event;
  }
}
