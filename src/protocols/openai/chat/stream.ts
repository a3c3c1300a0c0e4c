import { randomUUID } from 'node:crypto';
import type { GatewayError } from '../../../core/errors.ts';
import type { StreamEvent, Usage } from '../../../core/model.ts';
import { encodeSseEvent } from '../../../streaming/sse.ts';
import { encodeEventStream, type StreamFrameEncoder } from '../../shared/encode-event-stream.ts';
import { encodeChatStreamError } from '../encode-chat-stream-error.ts';
import { encodeToolArguments } from '../encode-tool-arguments.ts';
import { encodeUsage } from '../encode-usage.ts';
import { encodeCompletionId, mapFinishReason } from './encode.ts';

// Stream policy:
// - Nothing is emitted before the source's first event. An error (event or throw) that comes
//   before the first chunk is re-thrown instead of encoded, so the HTTP layer can still answer
//   with a real status and Retry-After; writeSseResponse sends it through onFirstFrameError.
// - After the first chunk an error becomes `data: {"error":{...}}` and the stream ends WITHOUT
//   `[DONE]`: openai-node throws on an `error` payload, Vercel turns it into an error part, and
//   a following `[DONE]` would only let naive parsers mistake the stream for a complete answer.
// - A source that ends without finish or error is reported as an error, never as a silent close.

/** How the client asked for the stream. */
export interface ChatStreamOptions {
  /** The model name the client sent; echoed in every chunk. */
  requestedModel: string;
  /** `stream_options.include_usage`: a usage chunk with `choices: []` before `[DONE]`. */
  includeUsage: boolean;
  /** Stream the legacy `delta.function_call` instead of `delta.tool_calls` (the request sent `functions`). */
  legacyFunctions?: boolean;
  /** Told about every error that ends the stream in-band, e.g. for logging. */
  onError?: (error: GatewayError) => void;
}

/** Neutral events -> complete OpenAI `chat.completion.chunk` SSE frames, ending with `[DONE]`. */
export function encodeChatStream(
  events: AsyncIterable<StreamEvent>,
  options: ChatStreamOptions,
): AsyncIterable<string> {
  return encodeEventStream(events, new ChunkEncoder(options), options.onError);
}

/** Tracks chunk identity, tool-call numbering and what each tool call has sent so far. */
class ChunkEncoder implements StreamFrameEncoder {
  started = false;
  finished = false;
  readonly #options: ChatStreamOptions;
  #id = '';
  #created = 0;
  /** Neutral part index -> OpenAI tool_calls index, whether arguments were sent yet, and whether
   * the call is a custom tool's (its raw input streams in `custom.input`). */
  readonly #toolCalls = new Map<number, { index: number; sentArguments: boolean; custom: boolean }>();

  constructor(options: ChatStreamOptions) {
    this.#options = options;
  }
  *fail(error: GatewayError): Iterable<string> {
    yield encodeChatStreamError(error);
  }

  *close(): Iterable<string> {
    yield encodeSseEvent('[DONE]');
  }

  *encode(event: StreamEvent): Iterable<string> {
    if (event.type === 'response-start') {
      this.#id = encodeCompletionId(event.id);
      this.#created = event.created;
    }
    if (!this.started) {
      this.started = true;
      // A source that skipped response-start still gets a well-formed first chunk.
      if (this.#id === '') this.#id = encodeCompletionId(randomUUID());
      if (this.#created === 0) this.#created = Math.floor(Date.now() / 1000);
      yield this.#chunk({ role: 'assistant', content: '' });
    }
    switch (event.type) {
      case 'text-delta':
        if (event.delta !== '') yield this.#chunk({ content: event.delta });
        return;
      case 'tool-call-start': {
        const legacy = this.#options.legacyFunctions === true;
        // The legacy protocol has room for one call per reply, so any further calls are dropped.
        if (legacy && this.#toolCalls.size > 0) return;
        const index = this.#toolCalls.size;
        const custom = !legacy && event.freeform === true;
        this.#toolCalls.set(event.index, { index, sentArguments: false, custom });
        if (custom) {
          yield this.#toolCallChunk({
            index,
            id: event.id,
            type: 'custom',
            custom: { name: event.name, input: '' },
          });
          return;
        }
        const opening = { name: event.name, arguments: '' };
        yield legacy
          ? this.#chunk({ function_call: opening })
          : this.#toolCallChunk({ index, id: event.id, type: 'function', function: opening });
        return;
      }
      case 'tool-call-delta':
        yield* this.#toolArguments(event.index, event.argumentsDelta);
        return;
      case 'tool-call-end': {
        // A call whose arguments never streamed (e.g. a call without parameters) still needs
        // parseable JSON: Vercel's client never executes a call whose arguments are "".
        const call = this.#toolCalls.get(event.index);
        if (call?.sentArguments === false && !call.custom) {
          yield* this.#toolArguments(event.index, encodeToolArguments(event.arguments));
        }
        return;
      }
      case 'finish':
        this.finished = true;
        yield this.#chunk({}, mapFinishReason(event.finishReason, this.#options));
        if (this.#options.includeUsage) yield this.#usageChunk(event.usage);
        return;
      default:
        return;
    }
  }

  *#toolArguments(partIndex: number, fragment: string): Iterable<string> {
    const call = this.#toolCalls.get(partIndex);
    if (!call || fragment === '') return;
    call.sentArguments = true;
    if (call.custom) {
      yield this.#toolCallChunk({ index: call.index, custom: { input: fragment } });
      return;
    }
    yield this.#options.legacyFunctions
      ? this.#chunk({ function_call: { arguments: fragment } })
      : this.#toolCallChunk({ index: call.index, function: { arguments: fragment } });
  }

  #toolCallChunk(toolCall: Record<string, unknown>): string {
    return this.#chunk({ tool_calls: [toolCall] });
  }

  #chunk(delta: Record<string, unknown>, finishReason: string | null = null): string {
    return this.#frame([{ index: 0, delta, finish_reason: finishReason }], null);
  }

  #usageChunk(usage: Usage): string {
    return this.#frame([], encodeUsage(usage));
  }

  #frame(choices: unknown[], usage: Record<string, number> | null): string {
    const chunk: Record<string, unknown> = {
      id: this.#id,
      object: 'chat.completion.chunk',
      created: this.#created,
      model: this.#options.requestedModel,
      choices,
    };
    if (this.#options.includeUsage) chunk.usage = usage;
    return encodeSseEvent(JSON.stringify(chunk));
  }
}
