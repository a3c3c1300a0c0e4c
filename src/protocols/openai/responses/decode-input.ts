import { GatewayError } from '../../../core/errors.ts';
import type { ContentPart, Message, Role } from '../../../core/model.ts';
import { decodeToolArguments } from '../../shared/decode-tool-arguments.ts';
import { describeValue, formatParam } from '../../shared/map-validation-issue.ts';
import { validate } from '../../shared/validate.ts';
import { decodeMessageContent, decodeToolOutput } from './decode-content.ts';
import { type OutputItemLookup, OutputItemStore } from './output-item-store.ts';
import {
  customToolCallItemSchema,
  customToolCallOutputItemSchema,
  functionCallItemSchema,
  functionCallOutputItemSchema,
  inputItemSchema,
  messageItemSchema,
  type WireInputItem,
} from './schema.ts';

// Item policy:
// - message items become messages (developer counts as system); function_call items join the
//   assistant turn before them, so a run of calls is one assistant turn, as in chat completions;
//   function_call_output items become tool results, a run of them one tool message.
// - custom_tool_call and custom_tool_call_output items are the same for a freeform tool, whose
//   call carries raw text input instead of JSON arguments.
// - reasoning items are dropped: this gateway's model never produced them, and their summaries or
//   encrypted content mean nothing to it. Clients replay them unchanged, so they are accepted.
// - records of hosted tools (web_search_call, code_interpreter_call, mcp_*…) are
//   dropped and reported: those tools ran on OpenAI's servers, never here, and such items appear
//   only in conversations begun elsewhere.
// - item_reference (also the untyped `{id}` form) to an output item this gateway instance produced
//   and still holds (see output-item-store.ts) is decoded exactly as the item sent in full; any
//   other reference is refused with the fix, and so is anything else that would change the
//   request's meaning if dropped. Items sent in full are never looked up.

/** What decodeInput makes of the input. */
export interface DecodedInput {
  messages: Message[];
  /** `input.<type>` for each dropped item type. */
  ignoredFields: string[];
  /** The path of each image part, in the order of the neutral messages. */
  imageParts: string[];
}

/** `instructions` + `input` -> neutral messages. `items` resolves item references; without it
 * every reference is refused. */
export function decodeInput(
  input: string | WireInputItem[],
  instructions: string | null | undefined,
  items: OutputItemLookup = new OutputItemStore(),
): DecodedInput {
  const messages: Message[] = [];
  if (instructions) messages.push({ role: 'system', content: [{ type: 'text', text: instructions }] });
  if (typeof input === 'string') {
    messages.push({ role: 'user', content: input === '' ? [] : [{ type: 'text', text: input }] });
    return { messages, ignoredFields: [], imageParts: [] };
  }
  const decoded: DecodedInput = { messages, ignoredFields: [], imageParts: [] };
  const callIds = new Set<string>();
  for (const [index, item] of input.entries()) {
    const path = ['input', index];
    const ignored = decodeItem(decoded, resolveReference(item, path, items), path, callIds);
    if (ignored) decoded.ignoredFields.push(ignored);
  }
  return decoded;
}

/** The item itself, or the stored item a reference names; throws for an unknown reference. */
function resolveReference(item: WireInputItem, path: PropertyKey[], items: OutputItemLookup): WireInputItem {
  if (itemType(item) !== 'item_reference') return item;
  const stored = typeof item.id === 'string' ? items.recall(item.id) : undefined;
  if (!stored) throw refuseItemReference(item, path, items.ttlMs);
  return validate(inputItemSchema, stored, path);
}

// Untyped items are easy messages, or item references when they carry only an id.
function itemType(item: WireInputItem): string {
  return item.type ?? (item.role === undefined && item.id !== undefined ? 'item_reference' : 'message');
}

/** Adds one item to the messages; returns the ignored-field name when the item is dropped.
 * `callIds` holds the call ids of the function_call items before it. */
function decodeItem(
  decoded: DecodedInput,
  item: WireInputItem,
  path: PropertyKey[],
  callIds: Set<string>,
): string | undefined {
  const { messages } = decoded;
  const type = itemType(item);
  switch (type) {
    case 'message': {
      const message = validate(messageItemSchema, item, path);
      const parts = decodeMessageContent(message.content, [...path, 'content'], decoded.imageParts);
      if (message.role === 'assistant') appendParts(messages, 'assistant', parts);
      else messages.push({ role: message.role === 'user' ? 'user' : 'system', content: parts });
      return undefined;
    }
    case 'function_call': {
      const call = validate(functionCallItemSchema, item, path);
      callIds.add(call.call_id);
      appendParts(messages, 'assistant', [
        {
          type: 'tool-call',
          id: call.call_id,
          name: call.name,
          arguments: decodeToolArguments(call.arguments),
        },
      ]);
      return undefined;
    }
    case 'custom_tool_call': {
      const call = validate(customToolCallItemSchema, item, path);
      callIds.add(call.call_id);
      appendParts(messages, 'assistant', [
        { type: 'tool-call', id: call.call_id, name: call.name, arguments: call.input, freeform: true },
      ]);
      return undefined;
    }
    case 'function_call_output':
    case 'custom_tool_call_output': {
      const schema =
        type === 'function_call_output' ? functionCallOutputItemSchema : customToolCallOutputItemSchema;
      const result = validate(schema, item, path);
      if (!callIds.has(result.call_id)) throw refuseUnansweredOutput(result.call_id, path);
      const content = decodeToolOutput(result.output, [...path, 'output']);
      appendParts(messages, 'tool', [
        { type: 'tool-result', callId: result.call_id, content, isError: false },
      ]);
      return undefined;
    }
    case 'reasoning':
      return undefined;
    default:
      if (!isHostedToolRecord(type)) throw refuseItem(type, path);
      return `input.${type}`;
  }
}

/** Adds parts to the previous message when it has the same role, else starts a new message. */
function appendParts(messages: Message[], role: Role, parts: ContentPart[]): void {
  const last = messages.at(-1);
  if (last?.role === role) last.content.push(...parts);
  else messages.push({ role, content: parts });
}

function isHostedToolRecord(type: string): boolean {
  return (
    type.endsWith('_call') ||
    type.endsWith('_call_output') ||
    type.startsWith('mcp_') ||
    type === 'tool_search_output' ||
    type === 'program' ||
    type === 'program_output' ||
    type === 'compaction'
  );
}

function refuseItemReference(item: WireInputItem, path: PropertyKey[], ttlMs: number): GatewayError {
  const param = formatParam(path);
  const id = typeof item.id === 'string' ? ` to "${item.id}"` : '';
  return new GatewayError(
    'invalid_request',
    `${param} is an item_reference${id}, which this gateway does not hold: it does not store responses, and references resolve only to output items this gateway instance produced (or resolved) in ${describeWindow(ttlMs)}. Send the full items instead, or set store: false (with the Vercel AI SDK, providerOptions.openai.store = false).`,
    { param, code: 'unsupported_value' },
  );
}

/** "the last hour", "the last 2 hours", "the last 30 minutes"… */
function describeWindow(ms: number): string {
  const hours = ms / 3_600_000;
  if (hours === 1) return 'the last hour';
  if (Number.isInteger(hours)) return `the last ${hours} hours`;
  const minutes = Math.max(1, Math.round(ms / 60_000));
  return minutes === 1 ? 'the last minute' : `the last ${minutes} minutes`;
}

// The Responses API refuses an output no earlier function_call asked for; the model would
// otherwise read the result of a call it never made.
function refuseUnansweredOutput(callId: string, path: PropertyKey[]): GatewayError {
  const param = formatParam([...path, 'call_id']);
  return new GatewayError(
    'invalid_request',
    `${param} is ${describeValue(callId)}, but no function_call or custom_tool_call item before it has that call_id; send the call item before its output.`,
    { param, code: 'invalid_value' },
  );
}

function refuseItem(type: string, path: PropertyKey[]): GatewayError {
  const param = formatParam(path);
  return new GatewayError(
    'invalid_request',
    `${param} is a "${type}" item, which this gateway does not support; send message, function_call, custom_tool_call and their output items.`,
    { param, code: 'unsupported_value' },
  );
}
