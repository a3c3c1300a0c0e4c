import { randomUUID } from 'node:crypto';
import type { GatewayError } from '../../../core/errors.ts';
import type { StreamEvent } from '../../../core/model.ts';
import { encodeSseEvent } from '../../../streaming/sse.ts';
import { encodeEventStream, type StreamFrameEncoder } from '../../shared/encode-event-stream.ts';
import { encodeChatStreamError } from '../encode-chat-stream-error.ts';
import { encodeUsage } from '../encode-usage.ts';
import { encodeTextCompletionId, mapTextFinishReason, type TextFinishReason } from './encode.ts';

// The same policy as every stream (see ../shared/encode-event-stream.ts): nothing before the first text or finish,
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
export function encodeCompletionStream(
  events: AsyncIterable<StreamEvent>,
  options: CompletionStreamOptions,
): AsyncIterable<string> {
  return encodeEventStream(events, new CompletionChunkEncoder(options), options.onError);
}

/** Keeps the chunk identity; text deltas become `choices[0].text`. */
class CompletionChunkEncoder implements StreamFrameEncoder {
  started = false;
  finished = false;
  readonly #options: CompletionStreamOptions;
  #id = '';
  #created = 0;

  constructor(options: CompletionStreamOptions) {
    this.#options = options;
  }

  *encode(event: StreamEvent): Iterable<string> {
    if (event.type === 'response-start') {
      this.#id = encodeTextCompletionId(event.id);
      this.#created = event.created;
    } else if (event.type === 'text-delta' && event.delta !== '') {
      yield this.#frame(choice(event.delta, null), null);
    } else if (event.type === 'finish') {
      this.finished = true;
      yield this.#frame(choice('', mapTextFinishReason(event.finishReason)), null);
      if (this.#options.includeUsage) yield this.#frame([], encodeUsage(event.usage));
    }
  }

  *fail(error: GatewayError): Iterable<string> {
    yield encodeChatStreamError(error);
  }

  *close(): Iterable<string> {
    yield encodeSseEvent('[DONE]');
  }

  #frame(choices: unknown[], usage: Record<string, number> | null): string {
    this.started = true;
    if (this.#id === '') this.#id = encodeTextCompletionId(randomUUID());
    if (this.#created === 0) this.#created = Math.floor(Date.now() / 1000);
    const chunk: Record<string, unknown> = {
      id: this.#id,
      object: 'text_completion',
      created: this.#created,
      model: this.#options.requestedModel,
      choices,
    };
    if (this.#options.includeUsage) chunk.usage = usage;
    return encodeSseEvent(JSON.stringify(chunk));
  }
}

function choice(text: string, finishReason: TextFinishReason | null) {
  return [{ text, index: 0, logprobs: null, finish_reason: finishReason }];
}
