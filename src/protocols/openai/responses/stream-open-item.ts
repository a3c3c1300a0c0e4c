import {
  encodeCustomToolCallItem,
  encodeFunctionCallItem,
  encodeReasoningItem,
  encodeSummaryText,
  type ResponseStatus,
} from './encode.ts';

/** A reasoning item being streamed: its summary text so far, and whether its summary part opened. */
export interface OpenReasoningItem {
  kind: 'reasoning';
  part: number;
  outputIndex: number;
  id: string;
  text: string;
  summaryOpen: boolean;
  /** The reasoning the upstream sent encrypted, known when the part ends. */
  encryptedContent?: string;
}

/** The one output item a Responses stream has open. */
export type OpenItem =
  | { kind: 'text'; part: number; outputIndex: number; id: string; text: string; textDone: boolean }
  | {
      kind: 'tool';
      part: number;
      outputIndex: number;
      id: string;
      callId: string;
      name: string;
      /** The arguments' JSON text, or a freeform call's raw input. */
      arguments: string;
      freeform: boolean;
    }
  | OpenReasoningItem;

/** Builds one numbered frame of the stream. */
type FrameEncoder = (type: string, fields: Record<string, unknown>) => string;

/** The fields that address an item in its events. */
export function itemAddress(item: OpenItem): { item_id: string; output_index: number } {
  return { item_id: item.id, output_index: item.outputIndex };
}

/** A tool item in wire form: function_call, or custom_tool_call for a freeform tool. */
export function encodeToolItem(
  item: Extract<OpenItem, { kind: 'tool' }>,
  status: ResponseStatus,
): Record<string, unknown> {
  return item.freeform
    ? encodeCustomToolCallItem(item.id, item.callId, item.name, item.arguments, status)
    : encodeFunctionCallItem(item.id, item.callId, item.name, item.arguments, status);
}

// The reasoning text is streamed as the item's one summary part: the Responses API returns
// reasoning to clients only as summaries.

/** A new reasoning item with no text yet. */
export function openReasoningItem(part: number, outputIndex: number, id: string): OpenReasoningItem {
  return { kind: 'reasoning', part, outputIndex, id, text: '', summaryOpen: false };
}

/** A piece of reasoning text; the summary part opens with the first piece. */
export function* encodeReasoningDelta(
  item: OpenReasoningItem,
  delta: string,
  frame: FrameEncoder,
): Iterable<string> {
  if (delta === '') return;
  const address = { ...itemAddress(item), summary_index: 0 };
  if (!item.summaryOpen) {
    item.summaryOpen = true;
    yield frame('response.reasoning_summary_part.added', { ...address, part: encodeSummaryText('') });
  }
  item.text += delta;
  yield frame('response.reasoning_summary_text.delta', { ...address, delta });
}

/** Closes the summary part, if one opened, and returns the finished reasoning item. */
export function* closeReasoning(
  item: OpenReasoningItem,
  frame: FrameEncoder,
): Generator<string, Record<string, unknown>> {
  if (item.summaryOpen) {
    const address = { ...itemAddress(item), summary_index: 0 };
    yield frame('response.reasoning_summary_text.done', { ...address, text: item.text });
    yield frame('response.reasoning_summary_part.done', { ...address, part: encodeSummaryText(item.text) });
  }
  return encodeReasoningItem(item.id, item.text, item.encryptedContent);
}
