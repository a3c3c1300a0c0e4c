import type { StreamEvent } from '../../../core/model.ts';
import { asJsonObject, type JsonObject, stringOr } from '../shared/as-json-object.ts';
import { parseToolArguments } from '../shared/parse-tool-arguments.ts';
import {
  readCallId,
  readMessageText,
  readReasoningSummary,
  reasoningSummarySeparator,
} from './map-output-item.ts';

// One output item being streamed, keyed by its output_index (which is also the neutral index).
// `streamedParts` holds the content or summary indexes that had deltas, so a `.done` event can
// supply text that never streamed without repeating text that did.
interface OpenItem {
  kind: 'text' | 'tool' | 'reasoning';
  freeform: boolean;
  /** Whether the start event went out; reasoning starts only with its first text. */
  started: boolean;
  ended: boolean;
  /** The tool call's arguments (or freeform input) so far. */
  buffer: string;
  streamedParts: Set<number>;
  /** Whether any text went out for this item. */
  streamedAny: boolean;
}

/** The output items of one streamed Response, each a neutral block whose index is its output_index. */
export class OutputItemStreams {
  #items = new Map<number, OpenItem>();
  #indexByItemId = new Map<string, number>();
  /** Whether any output item (text, tool call, reasoning) was announced. */
  sawContent = false;
  /** Whether any tool call was announced; the Responses API has no tool-calls status. */
  madeToolCall = false;

  /** Ends every item still open, in output order, so each start has its end before the finish. */
  *endAll(): Iterable<StreamEvent> {
    for (const [index, item] of [...this.#items].sort(([left], [right]) => left - right)) {
      yield* this.#end(index, item);
    }
  }

  /** Starts an item at output_item.added; unknown item kinds (hosted tools) are skipped. */
  *open(data: JsonObject, item: JsonObject | undefined): Iterable<StreamEvent> {
    const index = this.#indexOf(data, item);
    if (index === undefined || !item || this.#items.has(index)) return;
    const kind = kindOf(item.type);
    if (!kind) return;
    this.sawContent = true;
    const open: OpenItem = {
      kind,
      freeform: item.type === 'custom_tool_call',
      started: false,
      ended: false,
      buffer: '',
      streamedParts: new Set(),
      streamedAny: false,
    };
    this.#items.set(index, open);
    if (typeof item.id === 'string') this.#indexByItemId.set(item.id, index);
    if (kind === 'text') {
      open.started = true;
      yield { type: 'text-start', index };
    } else if (kind === 'tool') {
      open.started = true;
      this.madeToolCall = true;
      const name = stringOr(item.name, '');
      yield {
        type: 'tool-call-start',
        index,
        id: readCallId(item),
        name,
        ...(open.freeform ? { freeform: true } : {}),
      };
    }
    // reasoning waits for its first text: reasoning items arrive even when no summary was asked
    // for, and an empty one would reach the client as an empty thinking block
  }

  /** A text, refusal, reasoning summary, arguments or freeform input delta. */
  *delta(data: JsonObject, type: string): Iterable<StreamEvent> {
    const found = this.#find(data);
    if (!found || found.item.ended || typeof data.delta !== 'string' || data.delta === '') return;
    const { index, item } = found;
    if (item.kind === 'tool') {
      item.buffer += data.delta;
      return yield { type: 'tool-call-delta', index, argumentsDelta: data.delta };
    }
    const part = type === 'response.reasoning_summary_text.delta' ? data.summary_index : data.content_index;
    yield* this.#text(index, item, data.delta, typeof part === 'number' ? part : 0);
  }

  /** A `.done` event repeats its part's whole text; it is news only when that part never streamed. */
  *fill(data: JsonObject, text: unknown, part: unknown): Iterable<StreamEvent> {
    const found = this.#find(data);
    const partIndex = typeof part === 'number' ? part : 0;
    if (!found || found.item.ended || typeof text !== 'string' || text === '') return;
    if (found.item.streamedParts.has(partIndex)) return;
    yield* this.#text(found.index, found.item, text, partIndex);
  }

  *#text(index: number, item: OpenItem, text: string, part: number): Iterable<StreamEvent> {
    if (item.kind === 'tool') return;
    const reasoning = item.kind === 'reasoning';
    if (!item.started) {
      item.started = true;
      yield { type: 'reasoning-start', index };
    }
    // summary parts of one reasoning item become paragraphs of one neutral reasoning block
    const separator =
      reasoning && item.streamedAny && !item.streamedParts.has(part) ? reasoningSummarySeparator : '';
    item.streamedParts.add(part);
    item.streamedAny = true;
    const delta = separator + text;
    yield reasoning ? { type: 'reasoning-delta', index, delta } : { type: 'text-delta', index, delta };
  }

  /** The arguments (or input) `.done` event ends a tool call, with its arguments parsed. */
  *endTool(data: JsonObject, whole: unknown): Iterable<StreamEvent> {
    const found = this.#find(data);
    if (found?.item.kind !== 'tool' || found.item.ended) return;
    yield* this.#completeTool(found.index, found.item, whole);
  }

  *#completeTool(index: number, item: OpenItem, whole: unknown): Iterable<StreamEvent> {
    // arguments that never streamed as deltas still reach the client as one delta
    if (item.buffer === '' && typeof whole === 'string' && whole !== '') {
      item.buffer = whole;
      yield { type: 'tool-call-delta', index, argumentsDelta: whole };
    }
    item.ended = true;
    const text = typeof whole === 'string' && whole !== '' ? whole : item.buffer;
    yield { type: 'tool-call-end', index, arguments: item.freeform ? text : parseToolArguments(text) };
  }

  /** output_item.done carries the finished item: it opens an item never announced, supplies
   * what never streamed, and ends it. */
  *close(data: JsonObject): Iterable<StreamEvent> {
    const item = asJsonObject(data.item);
    if (!item) return;
    yield* this.open(data, item);
    const index = this.#indexOf(data, item);
    const open = index === undefined ? undefined : this.#items.get(index);
    if (index === undefined || !open || open.ended) return;
    if (open.kind === 'tool') {
      return yield* this.#completeTool(index, open, open.freeform ? item.input : item.arguments);
    }
    if (!open.streamedAny) {
      const text = open.kind === 'text' ? readMessageText(item) : readReasoningSummary(item);
      if (text !== '') yield* this.#text(index, open, text, 0);
    }
    yield* this.#end(index, open);
  }

  *#end(index: number, item: OpenItem): Iterable<StreamEvent> {
    if (item.ended) return;
    if (item.kind === 'tool') return yield* this.#completeTool(index, item, undefined);
    item.ended = true;
    if (item.kind === 'text') yield { type: 'text-end', index };
    else if (item.started) yield { type: 'reasoning-end', index };
  }

  #find(data: JsonObject): { index: number; item: OpenItem } | undefined {
    const index = this.#indexOf(data, undefined);
    const item = index === undefined ? undefined : this.#items.get(index);
    return index === undefined || !item ? undefined : { index, item };
  }

  // Events name their item by output_index and item_id; the index is the one the neutral stream keeps.
  #indexOf(data: JsonObject, item: JsonObject | undefined): number | undefined {
    if (typeof data.output_index === 'number') return data.output_index;
    const id = typeof data.item_id === 'string' ? data.item_id : item?.id;
    return typeof id === 'string' ? this.#indexByItemId.get(id) : undefined;
  }
}

function kindOf(type: unknown): OpenItem['kind'] | undefined {
  if (type === 'message') return 'text';
  if (type === 'function_call' || type === 'custom_tool_call') return 'tool';
  if (type === 'reasoning') return 'reasoning';
  return undefined;
}
