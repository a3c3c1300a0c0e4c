import { GatewayError, toGatewayError } from '../../core/errors.ts';
import type { StreamEvent } from '../../core/model.ts';

/** Turns neutral stream events into one protocol's SSE frames. */
export interface StreamFrameEncoder {
  /** Some frame has been produced. */
  readonly started: boolean;
  /** The finish event has been encoded. */
  readonly finished: boolean;
  encode(event: StreamEvent): Iterable<string>;
  /** The protocol's in-stream error frames. */
  fail(error: GatewayError): Iterable<string>;
  /** Frames after a clean finish, e.g. OpenAI's [DONE]. */
  close?(): Iterable<string>;
}

/** The policy every protocol's stream follows:
 * - frames are produced up to the finish event, or the first error event or thrown error;
 * - a stream that ends without a finish is an upstream error, never a silent close;
 * - a failure before the first frame is thrown, so the route can still answer with a plain
 *   HTTP status; after it, the failure becomes the protocol's in-stream error frames. */
export async function* encodeEventStream(
  events: AsyncIterable<StreamEvent>,
  encoder: StreamFrameEncoder,
  onError?: (error: GatewayError) => void,
): AsyncIterable<string> {
  let failure: GatewayError | undefined;
  try {
    for await (const event of events) {
      if (event.type === 'error') {
        failure = event.error;
        break;
      }
      yield* encoder.encode(event);
      if (event.type === 'finish') break;
    }
  } catch (error) {
    failure = toGatewayError(error);
  }
  failure ??= encoder.finished
    ? undefined
    : new GatewayError('upstream_error', 'The upstream stream ended before the answer was complete.');
  if (failure && !encoder.started) throw failure;
  if (failure) {
    onError?.(failure);
    yield* encoder.fail(failure);
    return;
  }
  if (encoder.close) yield* encoder.close();
}
