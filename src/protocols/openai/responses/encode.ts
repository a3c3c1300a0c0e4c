import type { ChatResult, FinishReason, Usage } from '../../../core/model.ts';
import { encodeToolArguments } from '../encode-tool-arguments.ts';

/** The request settings every Response object repeats (instructions, tools, tool_choice, text…),
 * in wire form, as decode collected them. */
export type ResponseEcho = Record<string, unknown>;

/** A Response object in wire form; `output` holds its message, function_call and custom_tool_call items. */
export interface ResponseObject extends Record<string, unknown> {
  output: Array<Record<string, unknown>>;
}

/** Where a response stands; `in_progress` only while streaming. */
export type ResponseStatus = 'in_progress' | 'completed' | 'incomplete' | 'failed';

/** What varies between the Response objects of one call (created, completed, failed…). */
export interface ResponseState {
  id: string;
  createdAt: number;
  status: ResponseStatus;
  output: Array<Record<string, unknown>>;
  usage: Usage | null;
  /** Why an incomplete response stopped. */
  incompleteReason?: 'max_output_tokens' | 'content_filter';
  /** The failure of a failed response. */
  error?: { code: string; message: string };
}

/** Neutral result -> Response object; `model` echoes the name the client asked for. Each non-empty
 * text part is one message item, each tool call one function_call item (custom_tool_call for a
 * freeform tool) and each reasoning part one reasoning item, in the order produced. With
 * `reasoningAsked`, an answer that does not open with reasoning gets an empty reasoning item first:
 * some Codex versions that asked for reasoning wait for one. */
export function encodeResponse(
  result: ChatResult,
  requestedModel: string,
  echo: ResponseEcho,
  reasoningAsked = false,
): ResponseObject {
  const id = encodeResponseId(result.id);
  const outcome = mapFinishReason(result.finishReason);
  const output: Array<Record<string, unknown>> = [];
  const opening = result.content.find((part) => part.type !== 'text' || part.text !== '');
  if (reasoningAsked && opening?.type !== 'reasoning') {
    output.push(encodeReasoningItem(encodeItemId('rs', id, 0), '', undefined));
  }
  for (const part of result.content) {
    const outputIndex = output.length;
    if (part.type === 'tool-call' && part.freeform) {
      const itemId = encodeItemId('ctc', id, outputIndex);
      output.push(encodeCustomToolCallItem(itemId, part.id, part.name, String(part.arguments), 'completed'));
    } else if (part.type === 'tool-call') {
      const itemId = encodeItemId('fc', id, outputIndex);
      output.push(
        encodeFunctionCallItem(itemId, part.id, part.name, encodeToolArguments(part.arguments), 'completed'),
      );
    } else if (part.type === 'reasoning') {
      output.push(encodeReasoningItem(encodeItemId('rs', id, outputIndex), part.text, part.redactedData));
    } else if (part.text !== '') {
      output.push(encodeMessageItem(encodeItemId('msg', id, outputIndex), part.text, 'completed'));
    }
  }
  // An answer cut short ends in an incomplete message, as the stream reports it.
  const last = output.at(-1);
  if (outcome.status === 'incomplete' && last?.type === 'message') last.status = 'incomplete';
  return encodeResponseObject(
    { id, createdAt: result.created, output, usage: result.usage, ...outcome },
    requestedModel,
    echo,
  );
}

/** One Response object in the shape the SDKs read; used for every lifecycle event too. */
export function encodeResponseObject(
  state: ResponseState,
  requestedModel: string,
  echo: ResponseEcho,
): ResponseObject {
  return {
    id: state.id,
    object: 'response',
    created_at: state.createdAt,
    status: state.status,
    error: state.error ?? null,
    incomplete_details: state.incompleteReason ? { reason: state.incompleteReason } : null,
    model: requestedModel,
    output: state.output,
    usage: state.usage ? encodeUsage(state.usage) : null,
    ...echo,
  };
}

/** Unified finish reason -> the final status, and why it is incomplete when it is. */
export function mapFinishReason(reason: FinishReason): Pick<ResponseState, 'status' | 'incompleteReason'> {
  if (reason.unified === 'length') return { status: 'incomplete', incompleteReason: 'max_output_tokens' };
  if (reason.unified === 'content-filter')
    return { status: 'incomplete', incompleteReason: 'content_filter' };
  return { status: 'completed' };
}

/** A message item with one output_text part. */
export function encodeMessageItem(id: string, text: string, status: ResponseStatus): Record<string, unknown> {
  return {
    type: 'message',
    id,
    status,
    role: 'assistant',
    content: [encodeOutputText(text)],
  };
}

/** An output_text content part; this gateway produces no annotations. */
export function encodeOutputText(text: string): Record<string, unknown> {
  return { type: 'output_text', text, annotations: [] };
}

/** A function_call item; `argumentsJson` is the JSON string of the arguments. */
export function encodeFunctionCallItem(
  id: string,
  callId: string,
  name: string,
  argumentsJson: string,
  status: ResponseStatus,
): Record<string, unknown> {
  return { type: 'function_call', id, call_id: callId, name, arguments: argumentsJson, status };
}

/** A custom_tool_call item; `input` is the raw text the freeform tool receives. */
export function encodeCustomToolCallItem(
  id: string,
  callId: string,
  name: string,
  input: string,
  status: ResponseStatus,
): Record<string, unknown> {
  return { type: 'custom_tool_call', id, call_id: callId, name, input, status };
}

/** A reasoning item: its text as the one summary (none when empty), and the reasoning the upstream
 * sent encrypted, which the client sends back on the next turn. */
export function encodeReasoningItem(
  id: string,
  text: string,
  encryptedContent: string | undefined,
): Record<string, unknown> {
  return {
    type: 'reasoning',
    id,
    summary: text === '' ? [] : [encodeSummaryText(text)],
    ...(encryptedContent === undefined ? {} : { encrypted_content: encryptedContent }),
  };
}

/** A summary_text part of a reasoning item. */
export function encodeSummaryText(text: string): Record<string, unknown> {
  return { type: 'summary_text', text };
}

/** The wire id of a response: OpenAI ids start with `resp_`. */
export function encodeResponseId(resultId: string): string {
  return resultId.startsWith('resp_') ? resultId : `resp_${resultId}`;
}

/** An output item's id, derived from the response id and its position, so that a streamed answer
 * and the same answer unstreamed carry the same ids. */
export function encodeItemId(
  prefix: 'msg' | 'fc' | 'ctc' | 'rs',
  responseId: string,
  outputIndex: number,
): string {
  return `${prefix}_${responseId.slice('resp_'.length)}_${outputIndex}`;
}

/** Neutral usage -> the Responses `usage`; the gateway has no prompt cache, and neutral usage does
 * not count reasoning tokens apart, so both details are 0. */
export function encodeUsage(usage: Usage): Record<string, unknown> {
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: usage.totalTokens,
  };
}
