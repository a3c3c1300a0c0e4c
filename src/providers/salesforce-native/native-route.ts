import type { ChatRequest, ChatResult, StreamEvent, Warning } from '../../core/model.ts';

/** A native route's request body, and what was changed or dropped to make the upstream accept it. */
export interface BuiltNativeRequest {
  body: Record<string, unknown>;
  warnings: Warning[];
}

/** One route of the native surface (Bedrock invoke, Responses, LLM gateway) as pure functions. */
export interface NativeRoute {
  /** Path under the native base URL, e.g. `/model/{apiName}/invoke-with-response-stream`. */
  path(upstreamModel: string, stream: boolean): string;
  /** The wire body for `request` (whose `model` is already the upstream name). */
  buildRequest(request: ChatRequest, stream: boolean): BuiltNativeRequest;
  /** A whole 200 answer -> the neutral result; a body that is an error in disguise throws a GatewayError. */
  parseResponse(body: unknown, now: () => number): ChatResult;
  /** A streaming 200's body -> neutral events, as they arrive. Ends with exactly one finish; an
   * in-band error, a broken frame or an empty stream throws a GatewayError. */
  decodeStream(body: AsyncIterable<Uint8Array>, now: () => number): AsyncIterable<StreamEvent>;
  /** Content types a streaming 200 may have; any other 200 body is read as an error. */
  streamContentType: RegExp;
}
