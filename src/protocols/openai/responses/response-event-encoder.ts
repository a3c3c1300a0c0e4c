import { randomUUID } from 'node:crypto';
import type { GatewayError } from '../../../core/errors.ts';
import type { StreamEvent } from '../../../core/model.ts';
import { encodeSseEvent } from '../../../streaming/sse.ts';
import type { StreamFrameEncoder } from '../../shared/encode-event-stream.ts';
import { encodeToolArguments } from '../encode-tool-arguments.ts';
import { encodeError } from '../errors.ts';
import {
  encodeItemId,
  encodeMessageItem,
  encodeOutputText,
  encodeReasoningItem,
  encodeResponseId,
  encodeResponseObject,
  mapFinishReason,
  type ResponseEcho,
  type ResponseObject,
  type ResponseState,
  type ResponseStatus,
} from './encode.ts';
import {
  closeReasoning,
  encodeReasoningDelta,
  encodeToolItem,
  itemAddress,
  type OpenItem,
  type OpenReasoningItem,
  openReasoningItem,
} from './stream-open-item.ts';

/** How to shape the stream. */
export interface ResponseStreamOptions {
  /** The model name the client sent; echoed in every Response object. */
  requestedModel: string;
  /** The request settings every Response object repeats. */
  echo: ResponseEcho;
  /** Told about every error that ends the stream in-band, e.g. for logging. */
  onError?: (error: GatewayError) => void;
  /** Told the final Response object of a finished answer (completed or incomplete), before its
   * terminal frame is sent, e.g. to remember its output items. */
  onComplete?: (response: ResponseObject) => void;
  /** The request asked for reasoning: an answer that does not open with it gets an empty reasoning item first. */
  reasoningAsked?: boolean;
}

// The neutral part index of the empty reasoning item: no source part has it.
const placeholderPart = -1;

/** Tracks sequence numbers, the finished output items and the one open item, for the grammar stream.ts sets out. */
export class ResponseEventEncoder implements StreamFrameEncoder {
  started = false;
  finished = false;
  readonly #options: ResponseStreamOptions;
  #sequenceNumber = 0;
  #id = '';
  #createdAt = 0;
  readonly #output: Array<Record<string, unknown>> = [];
  #open: OpenItem | undefined;

  constructor(options: ResponseStreamOptions) {
    this.#options = options;
  }

  *encode(event: StreamEvent): Iterable<string> {
    if (!this.started) {
      this.started = true;
      yield* this.#start(event);
    }
    switch (event.type) {
      case 'text-delta': {
        if (event.delta === '') return;
        const item = this.#current(event.index, 'text') ?? (yield* this.#openText(event.index));
        // A delta after its part ended cannot be placed any more.
        if (item.textDone) return;
        item.text += event.delta;
        yield this.#frame('response.output_text.delta', {
          ...itemAddress(item),
          content_index: 0,
          delta: event.delta,
          logprobs: [],
        });
        return;
      }
      case 'text-end': {
        const item = this.#current(event.index, 'text');
        if (item && !item.textDone) yield* this.#finishText(item);
        return;
      }
      case 'tool-call-start':
        yield* this.#openTool(event.index, event.id, event.name, event.freeform === true);
        return;
      case 'reasoning-start':
        yield* this.#openReasoning(event.index);
        return;
      case 'reasoning-delta': {
        const item = this.#current(event.index, 'reasoning') ?? (yield* this.#openReasoning(event.index));
        yield* encodeReasoningDelta(item, event.delta, this.#frameEncoder);
        return;
      }
      case 'reasoning-end': {
        const item = this.#current(event.index, 'reasoning');
        if (!item) return;
        if (event.redactedData !== undefined) item.encryptedContent = event.redactedData;
        yield* this.#close('completed');
        return;
      }
      case 'tool-call-delta': {
        const item = this.#current(event.index, 'tool');
        if (item) yield* this.#toolArguments(item, event.argumentsDelta);
        return;
      }
      case 'tool-call-end': {
        const item = this.#current(event.index, 'tool');
        if (!item) return;
        // A call whose arguments never streamed (e.g. a call without parameters) still needs
        // parseable JSON: clients build the arguments from the deltas.
        if (item.arguments === '' && !item.freeform)
          yield* this.#toolArguments(item, encodeToolArguments(event.arguments));
        yield* this.#close('completed');
        return;
      }
      case 'finish': {
        this.finished = true;
        const outcome = mapFinishReason(event.finishReason);
        // an answer with no item at all still opens with reasoning, as the unstreamed one does
        yield* this.#reasoningPlaceholder();
        yield* this.#close(outcome.status);
        const type = outcome.status === 'incomplete' ? 'response.incomplete' : 'response.completed';
        const response = this.#response({ ...outcome, usage: event.usage });
        this.#options.onComplete?.(response);
        yield this.#frame(type, { response });
        return;
      }
      default:
        return;
    }
  }

  /** The `error` event, then response.failed with the items finished so far. */
  *fail(error: GatewayError): Iterable<string> {
    const { code, type, message, param } = encodeError(error).body.error;
    yield this.#frame('error', { code: code ?? type, message, param });
    yield this.#lifecycle('response.failed', {
      status: 'failed',
      usage: null,
      error: { code: error.kind === 'rate_limit' ? 'rate_limit_exceeded' : 'server_error', message },
    });
  }

  *#start(event: StreamEvent): Iterable<string> {
    // A source that skipped response-start still gets a well-formed response.created.
    const start = event.type === 'response-start' ? event : undefined;
    this.#id = encodeResponseId(start?.id ?? randomUUID());
    this.#createdAt = start?.created ?? Math.floor(Date.now() / 1000);
    yield this.#lifecycle('response.created', { status: 'in_progress', usage: null });
    yield this.#lifecycle('response.in_progress', { status: 'in_progress', usage: null });
  }

  /** The open item, when it belongs to this neutral part and kind. */
  #current<Kind extends OpenItem['kind']>(
    part: number,
    kind: Kind,
  ): Extract<OpenItem, { kind: Kind }> | undefined {
    const open = this.#open;
    return open?.part === part && open.kind === kind
      ? (open as Extract<OpenItem, { kind: Kind }>)
      : undefined;
  }

  // Some Codex versions that asked for reasoning wait for a reasoning item; an upstream that gives
  // none (the Models API never does) gets an empty one before the first other item.
  *#reasoningPlaceholder(): Iterable<string> {
    if (!this.#options.reasoningAsked || this.#output.length > 0 || this.#open) return;
    yield* this.#openReasoning(placeholderPart);
    yield* this.#close('completed');
  }

  *#openText(part: number): Generator<string, Extract<OpenItem, { kind: 'text' }>> {
    yield* this.#reasoningPlaceholder();
    yield* this.#close('completed');
    const outputIndex = this.#output.length;
    const id = encodeItemId('msg', this.#id, outputIndex);
    const item = { kind: 'text' as const, part, outputIndex, id, text: '', textDone: false };
    this.#open = item;
    yield this.#frame('response.output_item.added', {
      output_index: outputIndex,
      item: { type: 'message', id, status: 'in_progress', role: 'assistant', content: [] },
    });
    yield this.#frame('response.content_part.added', {
      ...itemAddress(item),
      content_index: 0,
      part: encodeOutputText(''),
    });
    return item;
  }

  *#finishText(item: Extract<OpenItem, { kind: 'text' }>): Iterable<string> {
    item.textDone = true;
    const address = { ...itemAddress(item), content_index: 0 };
    yield this.#frame('response.output_text.done', { ...address, text: item.text, logprobs: [] });
    yield this.#frame('response.content_part.done', { ...address, part: encodeOutputText(item.text) });
  }

  *#openTool(part: number, callId: string, name: string, freeform: boolean): Iterable<string> {
    yield* this.#reasoningPlaceholder();
    yield* this.#close('completed');
    const outputIndex = this.#output.length;
    const id = encodeItemId(freeform ? 'ctc' : 'fc', this.#id, outputIndex);
    const item = { kind: 'tool' as const, part, outputIndex, id, callId, name, arguments: '', freeform };
    this.#open = item;
    yield this.#frame('response.output_item.added', {
      output_index: outputIndex,
      item: encodeToolItem(item, 'in_progress'),
    });
  }

  *#openReasoning(part: number): Generator<string, OpenReasoningItem> {
    yield* this.#close('completed');
    const outputIndex = this.#output.length;
    const item = openReasoningItem(part, outputIndex, encodeItemId('rs', this.#id, outputIndex));
    this.#open = item;
    const added = encodeReasoningItem(item.id, '', undefined);
    yield this.#frame('response.output_item.added', { output_index: outputIndex, item: added });
    return item;
  }

  *#toolArguments(item: Extract<OpenItem, { kind: 'tool' }>, fragment: string): Iterable<string> {
    if (fragment === '') return;
    item.arguments += fragment;
    const type = item.freeform
      ? 'response.custom_tool_call_input.delta'
      : 'response.function_call_arguments.delta';
    yield this.#frame(type, { ...itemAddress(item), delta: fragment });
  }

  /** Finishes the open item with this status and records it in the output. */
  *#close(status: ResponseStatus): Iterable<string> {
    const open = this.#open;
    if (!open) return;
    this.#open = undefined;
    let item: Record<string, unknown>;
    if (open.kind === 'text') {
      if (!open.textDone) yield* this.#finishText(open);
      item = encodeMessageItem(open.id, open.text, status);
    } else if (open.kind === 'reasoning') {
      item = yield* closeReasoning(open, this.#frameEncoder);
    } else if (open.freeform) {
      yield this.#frame('response.custom_tool_call_input.done', {
        ...itemAddress(open),
        input: open.arguments,
      });
      item = encodeToolItem(open, status);
    } else {
      yield this.#frame('response.function_call_arguments.done', {
        ...itemAddress(open),
        arguments: open.arguments,
      });
      item = encodeToolItem(open, status);
    }
    this.#output.push(item);
    yield this.#frame('response.output_item.done', { output_index: open.outputIndex, item });
  }

  #lifecycle(type: string, state: Omit<ResponseState, 'id' | 'createdAt' | 'output'>): string {
    return this.#frame(type, { response: this.#response(state) });
  }

  #response(state: Omit<ResponseState, 'id' | 'createdAt' | 'output'>): ResponseObject {
    return encodeResponseObject(
      { id: this.#id, createdAt: this.#createdAt, output: [...this.#output], ...state },
      this.#options.requestedModel,
      this.#options.echo,
    );
  }

  readonly #frameEncoder = (type: string, fields: Record<string, unknown>) => this.#frame(type, fields);

  #frame(type: string, fields: Record<string, unknown>): string {
    const sequenceNumber = this.#sequenceNumber;
    this.#sequenceNumber += 1;
    return encodeSseEvent(JSON.stringify({ type, sequence_number: sequenceNumber, ...fields }), type);
  }
}
