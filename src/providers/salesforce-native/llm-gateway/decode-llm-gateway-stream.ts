import type { StreamEvent } from '../../../core/model.ts';
import { SseDecoder, type SseEvent } from '../../../streaming/sse.ts';
import { asJsonObject } from '../shared/as-json-object.ts';
import { readNativeErrorBody } from '../shared/read-native-error-body.ts';
import { GenerationStreamAssembler } from './generation-stream-assembler.ts';
import { malformedAnswer } from './malformed-answer.ts';
import { mapUpstreamError } from './map-upstream-error.ts';

// The Trust Layer's scoring events. `scores` repeats the whole answer: appending it would double the text.
const scoringEvents = new Set(['scoringStarted', 'scores', 'scoringCompleted']);

/**
 * Decodes a /chat/generations/stream body into neutral events as they arrive. `[DONE]` (or a
 * bare `DONE`) ends it with one finish. A stream that ends without it is finished only if the
 * upstream already gave a finish reason (then only the scoring events and the sentinel are
 * missing); otherwise the answer may be cut short, which the client must not take as whole, so
 * it throws, as does a stream with no answer at all.
 */
export async function* decodeLlmGatewayStream(
  body: AsyncIterable<Uint8Array>,
  now: () => number,
): AsyncIterable<StreamEvent> {
  const sse = new SseDecoder();
  const utf8 = new TextDecoder();
  const assembler = new GenerationStreamAssembler(now);
  for await (const bytes of body) {
    if (yield* handleEvents(sse.push(utf8.decode(bytes, { stream: true })), assembler)) return;
  }
  if (yield* handleEvents([...sse.push(utf8.decode()), ...sse.flush()], assembler)) return;
  if (assembler.started && !assembler.sawFinishReason) {
    throw malformedAnswer('the stream ended before the answer was complete (no finish reason, no [DONE])');
  }
  yield* finish(assembler);
}

/** Yields each event's neutral events as soon as it is read (so an error event never swallows the
 * deltas before it); returns true once the stream has ended. */
function* handleEvents(
  events: SseEvent[],
  assembler: GenerationStreamAssembler,
): Generator<StreamEvent, boolean> {
  for (const event of events) {
    if (isDone(event.data)) {
      yield* finish(assembler);
      return true;
    }
    yield* mapSseEvent(event, assembler);
  }
  return false;
}

function finish(assembler: GenerationStreamAssembler): StreamEvent[] {
  if (!assembler.started) throw malformedAnswer('the stream ended without an answer');
  return assembler.finish();
}

function isDone(data: string): boolean {
  const trimmed = data.trim();
  return trimmed === '[DONE]' || trimmed === 'DONE';
}

function mapSseEvent(event: SseEvent, assembler: GenerationStreamAssembler): StreamEvent[] {
  const name = event.event ?? 'generation';
  if (scoringEvents.has(name)) return [];
  if (name === 'error')
    throw mapUpstreamError(readNativeErrorBody(parseJson(event.data)) ?? describeText(event.data));
  // Event names this decoder does not know are skipped, so a new upstream event cannot break streams.
  if (name !== 'generation') return [];
  const chunk = asJsonObject(parseJson(event.data));
  if (chunk === undefined) throw malformedAnswer('a generation event is not a JSON object');
  const details = asJsonObject(chunk.generation_details);
  if (details) return assembler.accept(chunk.id, details);
  const report = readNativeErrorBody(chunk);
  if (report) throw mapUpstreamError(report);
  return [];
}

function parseJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

function describeText(data: string): { message?: string } {
  return data.trim() === '' ? {} : { message: data };
}
