import type { StreamEvent } from '../../../core/model.ts';
import { SseDecoder, type SseEvent } from '../../../streaming/sse.ts';
import { asJsonObject } from '../shared/as-json-object.ts';
import { ResponsesStreamMapper } from './responses-stream-mapper.ts';

/**
 * Reads the Responses route's SSE body as neutral events, as they arrive. Ends with the one
 * finish that response.completed or response.incomplete produces; an in-band error, a failed
 * response, or a body that ends before a terminal event (including an empty one) throws.
 * There is no `[DONE]` line on this route: the stream is over at the terminal event.
 */
export async function* decodeResponsesStream(
  body: AsyncIterable<Uint8Array>,
  now: () => number,
): AsyncIterable<StreamEvent> {
  // streaming mode keeps a multi-byte character split across chunks for the next chunk
  const text = new TextDecoder();
  const sse = new SseDecoder();
  const mapper = new ResponsesStreamMapper(now);
  for await (const chunk of body) {
    for (const event of sse.push(text.decode(chunk, { stream: true }))) {
      yield* mapEvent(mapper, event);
      if (mapper.finished) return;
    }
  }
  for (const event of [...sse.push(text.decode()), ...sse.flush()]) {
    yield* mapEvent(mapper, event);
    if (mapper.finished) return;
  }
  throw mapper.endedEarly();
}

function mapEvent(mapper: ResponsesStreamMapper, event: SseEvent): Iterable<StreamEvent> {
  const data = parseData(event.data);
  // data that is not a JSON object (a stray `[DONE]`, a keep-alive) carries nothing to pass on
  return data ? mapper.map(data, event.event) : [];
}

function parseData(data: string): Record<string, unknown> | undefined {
  try {
    return asJsonObject(JSON.parse(data));
  } catch {
    return undefined;
  }
}
