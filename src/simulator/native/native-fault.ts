import { type ModelsFault, matchesModel } from '../faults.ts';
import type { NativeRoute } from '../reply-request.ts';

/**
 * How a 200 stream goes wrong: `error-event` sends the route's in-band error after `afterEvents` events
 * (an event-stream exception frame, an `error` event, or `event: error` with `errorCode`), `response-failed`
 * ends `/responses` with `response.failed`, `json-error-200` answers the Bedrock stream route with a 200
 * JSON error body, `empty` sends a 200 stream with no events, and `reset` aborts the connection in the
 * middle of an event.
 */
export type NativeStreamFailure = 'error-event' | 'response-failed' | 'json-error-200' | 'empty' | 'reset';

/** Exception names Bedrock sends in `:exception-type`. */
export type BedrockExceptionType =
  | 'throttlingException'
  | 'modelStreamErrorException'
  | 'internalServerException'
  | 'modelTimeoutException'
  | 'serviceUnavailableException'
  | 'validationException';

/** A failure (or delay) served to the next matching native requests. */
export interface NativeFault extends Omit<ModelsFault, 'endpoint'> {
  /** Only requests to this route consume the fault; absent matches every native route. */
  route?: NativeRoute;
  /** Only requests for this alias (the Bedrock path's `{alias}`, else the body's `model`) consume the fault. */
  model?: string;
  /** Breaks a streamed answer after its 200; ignored by whole (non-streamed) answers. */
  stream?: NativeStreamFailure;
  /** Events sent before an `error-event`, `response-failed` or `reset` failure; defaults to 2. */
  afterEvents?: number;
  /** The exception of a Bedrock `error-event`; defaults to `throttlingException`. */
  exceptionType?: BedrockExceptionType;
  /** The `errorCode` of a `/chat/generations/stream` `error-event`; defaults to `SERVICE_UNAVAILABLE`. */
  errorCode?: string;
}

/** What a native request offers a queued fault: its route, whether it streams, and the model it names. */
export interface NativeRequestTraits {
  route: NativeRoute;
  streamed: boolean;
  model: string | undefined;
}

/** Whether a queued fault applies to a native request (stream failures only to streamed answers). */
export function matchesNativeRequest(fault: NativeFault, request: NativeRequestTraits): boolean {
  if ((fault.route ?? request.route) !== request.route) return false;
  if (!matchesModel(fault, request.model)) return false;
  return fault.stream === undefined || request.streamed;
}
