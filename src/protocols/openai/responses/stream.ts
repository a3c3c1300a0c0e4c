import type { StreamEvent } from '../../../core/model.ts';
import { encodeEventStream } from '../../shared/encode-event-stream.ts';
import { ResponseEventEncoder, type ResponseStreamOptions } from './response-event-encoder.ts';

// Stream policy (the grammar openai-node's ResponseStream and @ai-sdk/openai enforce):
// - Every frame is `event: <type>` + `data: {"type": "<type>", "sequence_number": n, …}` with n
//   counting from 0; there is never a `[DONE]`.
// - response.created and response.in_progress come first. Each non-empty text part is a message
//   item: output_item.added, content_part.added, output_text.delta…, output_text.done,
//   content_part.done, output_item.done. Each tool call is a function_call item: output_item.added,
//   function_call_arguments.delta…, function_call_arguments.done, output_item.done; a freeform
//   tool's call is a custom_tool_call item, its input streamed as custom_tool_call_input.delta…
//   and custom_tool_call_input.done. Each reasoning part is a reasoning item: output_item.added,
//   then, with its first text, reasoning_summary_part.added and reasoning_summary_text.delta…,
//   reasoning_summary_text.done, reasoning_summary_part.done, output_item.done. Items carry
//   output indices 0, 1, 2… in order, one open at a time, with the same ids as the unstreamed answer.
// - A message item is closed when the next item opens or the answer finishes, so that an answer
//   cut short can mark its last message incomplete. Then response.completed (or
//   response.incomplete) carries the whole Response object, as the unstreamed call returns it;
//   onComplete sees that object first, so whatever it records is in place before the client,
//   having read the terminal frame, can send its next request.
// - Nothing is emitted before the source's first event. An error (event or throw) that comes
//   before it is re-thrown instead of encoded, so the HTTP layer can still answer with a real
//   status; writeSseResponse sends it through onFirstFrameError.
// - After that an error becomes an `error` event (openai-node throws it, Vercel reports it) and
//   then response.failed, the terminal event the API ends failed streams with. A source that ends
//   without finish or error is reported as an error, never as a silent close.

/** Neutral events -> complete Responses SSE frames, from response.created to the terminal event. */
export function encodeResponseStream(
  events: AsyncIterable<StreamEvent>,
  options: ResponseStreamOptions,
): AsyncIterable<string> {
  return encodeEventStream(events, new ResponseEventEncoder(options), options.onError);
}
