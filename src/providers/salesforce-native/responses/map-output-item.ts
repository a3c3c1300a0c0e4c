import type { ReasoningPart, TextPart, ToolCallPart } from '../../../core/model.ts';
import { asJsonObject, type JsonObject, stringOr } from '../shared/as-json-object.ts';
import { parseToolArguments } from '../shared/parse-tool-arguments.ts';

/** One piece of an answer, as the neutral result holds it. */
export type OutputPart = TextPart | ToolCallPart | ReasoningPart;

/**
 * One Response output item -> a neutral part, or undefined for items the gateway does not
 * surface (hosted-tool records, empty reasoning). A refusal is the model's answer, so it
 * becomes text rather than vanishing.
 */
export function mapOutputItem(item: JsonObject): OutputPart | undefined {
  switch (item.type) {
    case 'message': {
      const text = readMessageText(item);
      return text === '' ? undefined : { type: 'text', text };
    }
    case 'function_call':
      return {
        type: 'tool-call',
        id: readCallId(item),
        name: stringOr(item.name, ''),
        arguments: parseToolArguments(typeof item.arguments === 'string' ? item.arguments : ''),
      };
    case 'custom_tool_call':
      return {
        type: 'tool-call',
        id: readCallId(item),
        name: stringOr(item.name, ''),
        arguments: typeof item.input === 'string' ? item.input : '',
        freeform: true,
      };
    case 'reasoning': {
      // reasoning items come back even when no summary was asked for; only text is worth a part
      const text = readReasoningSummary(item);
      return text === '' ? undefined : { type: 'reasoning', text };
    }
    default:
      return undefined;
  }
}

/** The text of a message item: its output_text and refusal parts, in order. */
export function readMessageText(item: JsonObject): string {
  const parts = Array.isArray(item.content) ? item.content : [];
  return parts.map((part) => readPartText(asJsonObject(part))).join('');
}

/** A reasoning item's summary parts, one paragraph each (the same separator the stream uses). */
export function readReasoningSummary(item: JsonObject): string {
  const parts = Array.isArray(item.summary) ? item.summary : [];
  return parts
    .map((part) => asJsonObject(part)?.text)
    .filter((text): text is string => typeof text === 'string' && text !== '')
    .join(reasoningSummarySeparator);
}

/** Put between two summary parts of one reasoning item, which the neutral model keeps as one text. */
export const reasoningSummarySeparator = '\n\n';

/** The id a tool result must quote back: `call_id`, falling back to the item's own id. */
export function readCallId(item: JsonObject): string {
  return stringOr(item.call_id, stringOr(item.id, ''));
}

function readPartText(part: JsonObject | undefined): string {
  if (part?.type === 'output_text' && typeof part.text === 'string') return part.text;
  if (part?.type === 'refusal' && typeof part.refusal === 'string') return part.refusal;
  return '';
}
