import type { ContentPart, Message, ToolCallPart, ToolResultPart } from '../../core/model.ts';
import { type EnvelopeResult, renderFreeformCall, renderToolCalls, renderToolResults } from './envelope.ts';

/** Rewrites tool calls and results as envelope text, so a text-only upstream sees the whole
 * conversation, and the model sees its own earlier calls in the format it must use. */
export function renderToolHistory(messages: Message[]): Message[] {
  const callNames = new Map<string, string>();
  for (const message of messages) {
    for (const part of message.content) if (part.type === 'tool-call') callNames.set(part.id, part.name);
  }
  return groupToolMessages(messages).map((message) => {
    if (!message.content.some((part) => part.type === 'tool-call' || part.type === 'tool-result'))
      return message;
    return {
      role: message.role === 'tool' ? 'user' : message.role,
      content: [{ type: 'text', text: renderParts(message.content, callNames) }],
    };
  });
}

/** True when a conversation holds tool calls or results that a text-only upstream cannot take as such. */
export function hasToolHistory(messages: Message[]): boolean {
  return messages.some((message) =>
    message.content.some((part) => part.type === 'tool-call' || part.type === 'tool-result'),
  );
}

// OpenAI sends one tool message per result; the model reads them best as one block.
function groupToolMessages(messages: Message[]): Message[] {
  const grouped: Message[] = [];
  for (const message of messages) {
    const previous = grouped.at(-1);
    if (message.role === 'tool' && previous?.role === 'tool') {
      grouped[grouped.length - 1] = { role: 'tool', content: [...previous.content, ...message.content] };
    } else {
      grouped.push(message);
    }
  }
  return grouped;
}

function renderParts(parts: ContentPart[], callNames: Map<string, string>): string {
  const texts: string[] = [];
  const calls: ToolCallPart[] = [];
  const results: ToolResultPart[] = [];
  for (const part of parts) {
    if (part.type === 'text' && part.text !== '') texts.push(part.text);
    if (part.type === 'tool-call') calls.push(part);
    if (part.type === 'tool-result') results.push(part);
  }
  const blocks: string[] = [];
  if (results.length > 0)
    blocks.push(renderToolResults(results.map((part) => toEnvelopeResult(part, callNames))));
  blocks.push(...texts);
  const functionCalls = calls.filter((call) => !call.freeform);
  if (functionCalls.length > 0) {
    blocks.push(
      renderToolCalls(
        functionCalls.map((call) => ({ id: call.id, name: call.name, arguments: call.arguments })),
      ),
    );
  }
  for (const call of calls.filter((part) => part.freeform)) {
    blocks.push(renderFreeformCall({ id: call.id, name: call.name, input: String(call.arguments) }));
  }
  return blocks.join('\n\n');
}

function toEnvelopeResult(part: ToolResultPart, callNames: Map<string, string>): EnvelopeResult {
  const name = callNames.get(part.callId);
  return { call_id: part.callId, ...(name ? { name } : {}), content: part.content, is_error: part.isError };
}
