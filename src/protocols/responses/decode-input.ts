import { GatewayError } from '../../core/errors.ts';
import type { ContentPart, Message, Role } from '../../core/model.ts';
import { formatParam } from '../shared/map-validation-issue.ts';
import { decodeMessageContent, decodeToolOutput } from './decode-content.ts';
import {
  functionCallItemSchema,
  functionCallOutputItemSchema,
  messageItemSchema,
  type WireInputItem,
} from './schema.ts';
import { validate } from './validate.ts';

// Item policy:
// - message items become messages (developer counts as system); function_call items join the
//   assistant turn before them, so a run of calls is one assistant turn, as in chat completions;
//   function_call_output items become tool results, a run of them one tool message.
// - reasoning items are dropped: this gateway's model never produced them, and their summaries or
//   encrypted content mean nothing to it. Clients replay them unchanged, so they are accepted.
// - records of hosted tools (web_search_call, code_interpreter_call, mcp_*, custom tools…) are
//   dropped and reported: those tools ran on OpenAI's servers, never here, and such items appear
//   only in conversations begun elsewhere.
// - item_reference (also the untyped `{id}` form) needs stored items, which this gateway does not
//   keep, so it is refused with the fix; so is anything else that would change the request's
//   meaning if dropped.

/** `instructions` + `input` -> neutral messages, plus `input.<type>` for each dropped item type. */
export function decodeInput(
  input: string | WireInputItem[],
  instructions: string | null | undefined,
): { messages: Message[]; ignoredFields: string[] } {
  const messages: Message[] = [];
  if (instructions) messages.push({ role: 'system', content: [{ type: 'text', text: instructions }] });
  if (typeof input === 'string') {
    messages.push({ role: 'user', content: input === '' ? [] : [{ type: 'text', text: input }] });
    return { messages, ignoredFields: [] };
  }
  const ignoredFields: string[] = [];
  for (const [index, item] of input.entries()) {
    const path = ['input', index];
    // Untyped items are easy messages, or item references when they carry only an id.
    const type =
      item.type ?? (item.role === undefined && item.id !== undefined ? 'item_reference' : 'message');
    switch (type) {
      case 'message': {
        const message = validate(messageItemSchema, item, path);
        const parts = decodeMessageContent(message.content, [...path, 'content']);
        if (message.role === 'assistant') appendParts(messages, 'assistant', parts);
        else messages.push({ role: message.role === 'user' ? 'user' : 'system', content: parts });
        break;
      }
      case 'function_call': {
        const call = validate(functionCallItemSchema, item, path);
        appendParts(messages, 'assistant', [
          { type: 'tool-call', id: call.call_id, name: call.name, arguments: parseArguments(call.arguments) },
        ]);
        break;
      }
      case 'function_call_output': {
        const result = validate(functionCallOutputItemSchema, item, path);
        const content = decodeToolOutput(result.output, [...path, 'output']);
        appendParts(messages, 'tool', [
          { type: 'tool-result', callId: result.call_id, content, isError: false },
        ]);
        break;
      }
      case 'reasoning':
        break;
      case 'item_reference':
        throw refuseItemReference(item, path);
      default:
        if (!isHostedToolRecord(type)) throw refuseItem(type, path);
        ignoredFields.push(`input.${type}`);
    }
  }
  return { messages, ignoredFields };
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

/** Arguments arrive as a JSON string; text that is not JSON is kept as it is, never replaced by `{}`. */
function parseArguments(rawArguments: unknown): unknown {
  if (typeof rawArguments !== 'string') return rawArguments;
  try {
    return JSON.parse(rawArguments);
  } catch {
    return rawArguments;
  }
}

function refuseItemReference(item: WireInputItem, path: PropertyKey[]): GatewayError {
  const param = formatParam(path);
  const id = typeof item.id === 'string' ? ` to "${item.id}"` : '';
  return new GatewayError(
    'invalid_request',
    `${param} is an item_reference${id}, but this gateway does not store responses, so it cannot look items up; send the item itself. With the Vercel AI SDK, set providerOptions.openai.store to false.`,
    { param, code: 'unsupported_value' },
  );
}

function refuseItem(type: string, path: PropertyKey[]): GatewayError {
  const param = formatParam(path);
  return new GatewayError(
    'invalid_request',
    `${param} is a "${type}" item, which this gateway does not support; send message, function_call and function_call_output items.`,
    { param, code: 'unsupported_value' },
  );
}
