import type { FastifyReply } from 'fastify';
import type { NativeRoute } from '../reply-request.ts';
import type { SimulatorState } from '../simulator-state.ts';
import { sendNativeError } from './native-errors.ts';
import type { NativeFault } from './native-fault.ts';
import { type StreamBreak, writeStream } from './stream-writer.ts';

/** The text of every injected stream failure. */
export const streamFailureMessage = 'The model stream failed to complete. Please retry your request.';

const defaultAfterEvents = 2;

/** One streamed answer of a native route, with the queued stream failure (if any) to play. */
export interface NativeStream {
  contentType: string;
  events: (Uint8Array | string)[];
  fault: NativeFault | undefined;
  /** The route's in-band failure event, given the fault and the number of events sent before it. */
  buildFailureEvent: (fault: NativeFault, afterEvents: number) => Uint8Array | string;
  split?: ((event: Uint8Array) => Uint8Array[]) | undefined;
}

function buildBreak(stream: NativeStream, fault: NativeFault | undefined): StreamBreak | undefined {
  if (fault === undefined) return undefined;
  const afterEvents = Math.min(fault.afterEvents ?? defaultAfterEvents, stream.events.length - 1);
  if (fault.stream === 'reset') return { afterEvents, reset: true };
  if (fault.stream === 'error-event' || fault.stream === 'response-failed') {
    return { afterEvents, event: stream.buildFailureEvent(fault, afterEvents) };
  }
  return undefined;
}

/** Writes a native stream with its spacing (`native.deltaDelayMs`), or plays its injected failure. */
export async function writeNativeStream(
  state: SimulatorState,
  reply: FastifyReply,
  route: NativeRoute,
  stream: NativeStream,
): Promise<void> {
  const { fault } = stream;
  // Under load Salesforce has answered a stream route with a 200 that carries a JSON error instead.
  if (fault?.stream === 'json-error-200') {
    sendNativeError(reply, route, 200, streamFailureMessage);
    return;
  }
  await writeStream(state, reply, {
    contentType: stream.contentType,
    events: fault?.stream === 'empty' ? [] : stream.events,
    delayMs: state.settings.native.deltaDelayMs,
    split: stream.split,
    breakAt: buildBreak(stream, fault),
  });
}
