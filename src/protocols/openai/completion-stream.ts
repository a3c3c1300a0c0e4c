import { randomUUID } from 'node:crypto';
import { GatewayError, toGatewayError } from '../../core/errors.ts';
import type { StreamEvent } from '../../core/model.ts';
import { encodeSseEvent } from '../../streaming/sse.ts';
import { encodeUsage } from './encode.ts';
import { encodeTextCompletionId, mapTextFinishReason, type TextFinishReason } from './encode-completion.ts';
import { encodeChatStreamError } from './stream.ts';

// The same policy as the chat stream (see stream.ts): nothing before the first text or finish,
// an error before the first chunk is re-thrown for a plain HTTP error, an error after it becomes
// a `data: {"error":…}` frame with no `[DONE]`, and a source that just stops is an error.

/** How the client asked for the stream. */
export interface CompletionStreamOptions {
  /** The model name the client sent; echoed in every chunk. */
  requestedModel: string;
  /** `stream_options.include_usage`: a usage chunk with `choices: []` before `[DONE]`. */
  includeUsage: boolean;
  /** Told about every error that ends the stream in-band, e.g. for logging. */
  onError?: (error: GatewayError) => void;
}

/** Neutral events -> OpenAI `text_completion` SSE frames, ending with `[DONE]`. */
export async function* encodeCompletionStream(
  events: AsyncIterable<StreamEvent>,
  options: CompletionStreamOptions,
): AsyncIterable<string> {
  let id = '';
  let created = 0;
  let started = false;
  let finished = false;
  let failure: GatewayError | undefined;
  const frame = (choices: unknown[], usage: Record<string, number> | null): string => {
    started = true;
    if (id === '') id = encodeTextCompletionId(randomUUID());
    if (created === 0) created = Math.floor(Date.now() / 1000);
    const chunk: Record<string, unknown> = {
      id,
      object: 'text_completion',
      created,
      model: options.requestedModel,
      choices,
    };
    if (options.includeUsage) chunk.usage = usage;
    return encodeSseEvent(JSON.stringify(chunk));
  };
  const choice = (text: string, finishReason: TextFinishReason | null) => [
    { text, index: 0, logprobs: null, finish_reason: finishReason },
  ];
  try {
    for await (const event of events) {
      if (event.type === 'error') {
        failure = event.error;
        break;
      }
      if (event.type === 'response-start') {
        id = encodeTextCompletionId(event.id);
        created = event.created;
      } else if (event.type === 'text-delta' && event.delta !== '') {
        yield frame(choice(event.delta, null), null);
      } else if (event.type === 'finish') {
        finished = true;
        yield frame(choice('', mapTextFinishReason(event.finishReason)), null);
        if (options.includeUsage) yield frame([], encodeUsage(event.usage));
        break;
      }
    }
  } catch (error) {
    failure = toGatewayError(error);
  }
  failure ??= finished
    ? undefined
    : new GatewayError('upstream_error', 'The upstream stream ended before the answer was complete.');
  if (failure && !started) throw failure;
  if (failure) {
    options.onError?.(failure);
    yield encodeChatStreamError(failure);
    return;
  }
  yield encodeSseEvent('[DONE]');
}
