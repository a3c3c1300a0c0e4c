import { randomUUID } from 'node:crypto';
import type { GatewayError } from '../../core/errors.ts';
import type { StreamEvent, Usage } from '../../core/model.ts';
import { encodeSseEvent } from '../../streaming/sse.ts';
import { encodeEventStream, type StreamFrameEncoder } from '../shared/encode-event-stream.ts';
import { encodeMessageId, encodeStopReason, encodeToolInput, encodeUsage } from './encode.ts';
import { encodeError } from './errors.ts';

// Stream policy (the grammar Anthropic's SDK enforces):
// - Every frame is `event: <type>` + `data: {"type": "<type>", …}`; there is never a `[DONE]`.
// - message_start comes first, carrying a usage object; then each content block as
//   content_block_start / content_block_delta… / content_block_stop with indices 0, 1, 2… in
//   order, one block open at a time; then message_delta with cumulative usage; then message_stop.
// - Parts arrive one after another, as every source in the gateway produces them; a delta for a
//   tool call that is no longer the open block cannot be placed and is dropped.
// - Text blocks open on their first non-empty delta, so an empty text part makes no block, the
//   same as in the non-streaming answer.
// - Reasoning becomes a thinking block: thinking_delta for its text, then signature_delta when
//   the upstream signed it. It opens on its first delta or at its end, because only the end says
//   whether the upstream withheld the text: then it is a redacted_thinking block carrying the data.
// - Nothing is emitted before the source's first event. An error (event or throw) that comes
//   before it is re-thrown instead of encoded, so the HTTP layer can still answer with a real
//   status; writeSseResponse sends it through onFirstFrameError.
// - After that an error becomes `event: error` and the stream ends. A source that ends without
//   finish or error is reported as an error, never as a silent close.

/** How to shape the stream. */
export interface MessageStreamOptions {
  /** The model name the client sent; echoed in message_start. */
  requestedModel: string;
  /** Shown as `request_id` in an in-stream error. */
  requestId?: string;
  /** Told about every error that ends the stream in-band, e.g. for logging. */
  onError?: (error: GatewayError) => void;
}

/** The keep-alive frame: SDKs skip pings, and idle watchdogs see traffic. */
export function encodeMessageStreamPing(): string {
  return encodeSseEvent(JSON.stringify({ type: 'ping' }), 'ping');
}

/** The in-stream error frame. */
export function encodeMessageStreamError(error: GatewayError, requestId?: string): string {
  return encodeSseEvent(JSON.stringify(encodeError(error, requestId).body), 'error');
}

/** Neutral events -> complete Anthropic SSE frames, from message_start to message_stop. */
export function encodeMessageStream(
  events: AsyncIterable<StreamEvent>,
  options: MessageStreamOptions,
): AsyncIterable<string> {
  return encodeEventStream(
    events,
    new MessageEventEncoder(options.requestedModel, options.requestId),
    options.onError,
  );
}

interface OpenBlock {
  /** The neutral part index the block belongs to. */
  part: number;
  kind: 'text' | 'tool' | 'thinking';
  /** The Anthropic content block index. */
  index: number;
  sentInput: boolean;
}

/** Tracks block numbering and the one open block. */
class MessageEventEncoder implements StreamFrameEncoder {
  started = false;
  finished = false;
  readonly #requestedModel: string;
  readonly #requestId: string | undefined;
  #nextIndex = 0;
  #open: OpenBlock | undefined;

  constructor(requestedModel: string, requestId: string | undefined) {
    this.#requestedModel = requestedModel;
    this.#requestId = requestId;
  }
  *fail(error: GatewayError): Iterable<string> {
    yield encodeMessageStreamError(error, this.#requestId);
  }

  *encode(event: StreamEvent): Iterable<string> {
    if (!this.started) {
      this.started = true;
      yield this.#messageStart(event);
    }
    switch (event.type) {
      case 'text-delta': {
        if (event.delta === '') return;
        const block =
          this.#current(event.index, 'text') ??
          (yield* this.#openBlock(event.index, 'text', { type: 'text', text: '' }));
        yield delta(block, { type: 'text_delta', text: event.delta });
        return;
      }
      case 'text-end':
        if (this.#current(event.index, 'text')) yield* this.#closeBlock();
        return;
      case 'reasoning-delta': {
        if (event.delta === '') return;
        const block = this.#current(event.index, 'thinking') ?? (yield* this.#openThinking(event.index));
        yield delta(block, { type: 'thinking_delta', thinking: event.delta });
        return;
      }
      case 'reasoning-end': {
        if (event.redactedData !== undefined) {
          yield* this.#openBlock(event.index, 'thinking', {
            type: 'redacted_thinking',
            data: event.redactedData,
          });
        } else {
          const block = this.#current(event.index, 'thinking') ?? (yield* this.#openThinking(event.index));
          if (event.signature) yield delta(block, { type: 'signature_delta', signature: event.signature });
        }
        yield* this.#closeBlock();
        return;
      }
      case 'tool-call-start':
        yield* this.#openBlock(event.index, 'tool', {
          type: 'tool_use',
          id: event.id,
          name: event.name,
          input: {},
        });
        return;
      case 'tool-call-delta':
        yield* toolInput(this.#current(event.index, 'tool'), event.argumentsDelta);
        return;
      case 'tool-call-end': {
        const block = this.#current(event.index, 'tool');
        if (!block) return;
        // A call whose input never streamed still sends it whole: the SDK builds `input` from deltas.
        if (!block.sentInput) yield* toolInput(block, JSON.stringify(encodeToolInput(event.arguments)));
        yield* this.#closeBlock();
        return;
      }
      case 'finish':
        this.finished = true;
        yield* this.#closeBlock();
        yield frame('message_delta', {
          delta: encodeStopReason(event.finishReason),
          usage: { input_tokens: event.usage.inputTokens, output_tokens: event.usage.outputTokens },
        });
        yield frame('message_stop', {});
        return;
      default:
        return;
    }
  }

  #messageStart(event: StreamEvent): string {
    // A source that skipped response-start still gets a well-formed message_start.
    const start = event.type === 'response-start' ? event : undefined;
    const usage: Usage = start?.usage ?? { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
    return frame('message_start', {
      message: {
        id: encodeMessageId(start?.id ?? randomUUID()),
        type: 'message',
        role: 'assistant',
        model: this.#requestedModel,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: encodeUsage(usage),
      },
    });
  }

  /** The open block, when it belongs to this neutral part and kind. */
  #current(part: number, kind: OpenBlock['kind']): OpenBlock | undefined {
    const open = this.#open;
    return open?.part === part && open.kind === kind ? open : undefined;
  }

  *#openBlock(
    part: number,
    kind: OpenBlock['kind'],
    contentBlock: Record<string, unknown>,
  ): Generator<string, OpenBlock> {
    yield* this.#closeBlock();
    const block: OpenBlock = { part, kind, index: this.#nextIndex, sentInput: false };
    this.#open = block;
    this.#nextIndex += 1;
    yield frame('content_block_start', { index: block.index, content_block: contentBlock });
    return block;
  }

  #openThinking(part: number): Generator<string, OpenBlock> {
    return this.#openBlock(part, 'thinking', { type: 'thinking', thinking: '', signature: '' });
  }

  *#closeBlock(): Iterable<string> {
    if (!this.#open) return;
    yield frame('content_block_stop', { index: this.#open.index });
    this.#open = undefined;
  }
}

function* toolInput(block: OpenBlock | undefined, fragment: string): Iterable<string> {
  if (!block || fragment === '') return;
  block.sentInput = true;
  yield delta(block, { type: 'input_json_delta', partial_json: fragment });
}

function delta(block: OpenBlock, fields: Record<string, unknown>): string {
  return frame('content_block_delta', { index: block.index, delta: fields });
}

function frame(type: string, fields: Record<string, unknown>): string {
  return encodeSseEvent(JSON.stringify({ type, ...fields }), type);
}
