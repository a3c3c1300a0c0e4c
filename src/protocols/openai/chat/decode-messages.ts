import { GatewayError } from '../../../core/errors.ts';
import type { ContentPart, Message, TextPart, ToolCallPart } from '../../../core/model.ts';
import { decodeToolArguments } from '../../shared/decode-tool-arguments.ts';
import { describeValue } from '../../shared/map-validation-issue.ts';
import { OpenToolCalls } from '../../shared/open-tool-calls.ts';
import type { ChatCompletionMessage } from './schema.ts';

type AssistantMessage = Extract<ChatCompletionMessage, { role: 'assistant' }>;
type UserMessage = Extract<ChatCompletionMessage, { role: 'user' }>;
type TextContent = Extract<ChatCompletionMessage, { role: 'system' }>['content'];

/** Wire messages -> neutral messages, the wire names of message fields that had no effect, and
 * the path of each image part in order. */
export function decodeMessages(wireMessages: ChatCompletionMessage[]): {
  messages: Message[];
  ignoredFields: string[];
  imageParts: string[];
} {
  // Only the legacy function role uses `name`; elsewhere it has nowhere to go.
  const named = wireMessages.some((message) => message.role !== 'function' && message.name);
  checkToolMessagesAnswerCalls(wireMessages);
  const imageParts: string[] = [];
  const messages = wireMessages.map((message, index) => decodeMessage(message, index, imageParts));
  return { messages, ignoredFields: named ? ['messages[].name'] : [], imageParts };
}

// OpenAI refuses a tool message that answers no tool call of the assistant message before it;
// the model would otherwise read a result of a call it never made. Legacy function messages
// pair by name only and are not checked.
function checkToolMessagesAnswerCalls(wireMessages: ChatCompletionMessage[]): void {
  const openCalls = new OpenToolCalls();
  for (const [index, message] of wireMessages.entries()) {
    if (message.role === 'system' || message.role === 'developer') continue;
    openCalls.enterTurn(message.role);
    if (message.role === 'assistant') for (const call of message.tool_calls ?? []) openCalls.addCall(call.id);
    if (message.role !== 'tool' || openCalls.answers(message.tool_call_id)) continue;
    const param = `messages[${index}].tool_call_id`;
    throw new GatewayError(
      'invalid_request',
      `${param} is ${describeValue(message.tool_call_id)}, which matches no tool call of the assistant message before it; a tool message must answer one of that message's tool_calls.`,
      { param, code: 'invalid_value' },
    );
  }
}

function decodeMessage(message: ChatCompletionMessage, index: number, imageParts: string[]): Message {
  switch (message.role) {
    case 'system':
    case 'developer':
      return { role: 'system', content: decodeTextContent(message.content) };
    case 'user':
      return { role: 'user', content: decodeUserContent(message.content, index, imageParts) };
    case 'assistant':
      return { role: 'assistant', content: decodeAssistantContent(message) };
    case 'tool':
      return { role: 'tool', content: [toolResult(message.tool_call_id, flattenText(message.content))] };
    case 'function':
      return { role: 'tool', content: [toolResult(legacyCallId(message.name), message.content ?? '')] };
  }
}

/** Legacy `function_call` turns carry no id; pairing by function name is all the old protocol had. */
function legacyCallId(name: string): string {
  return `function-${name}`;
}

function toolResult(callId: string, content: string): ContentPart {
  return { type: 'tool-result', callId, content, isError: false };
}

function text(value: string): TextPart[] {
  return value === '' ? [] : [{ type: 'text', text: value }];
}

function decodeTextContent(content: TextContent): TextPart[] {
  if (content === null || content === undefined) return [];
  if (typeof content === 'string') return text(content);
  return content.flatMap((part) => text(part.text));
}

function flattenText(content: TextContent): string {
  return decodeTextContent(content)
    .map((part) => part.text)
    .join('\n');
}

function decodeUserContent(
  content: UserMessage['content'],
  messageIndex: number,
  imageParts: string[],
): ContentPart[] {
  if (typeof content === 'string') return text(content);
  return content.flatMap((part, partIndex): ContentPart[] => {
    switch (part.type) {
      case 'text':
        return text(part.text);
      case 'image_url':
        imageParts.push(`messages[${messageIndex}].content[${partIndex}]`);
        return [
          { type: 'image', url: typeof part.image_url === 'string' ? part.image_url : part.image_url.url },
        ];
      default: {
        const param = `messages[${messageIndex}].content[${partIndex}]`;
        throw new GatewayError(
          'invalid_request',
          `${param} is a "${part.type}" part, which is not supported by this gateway; send the content as text.`,
          { param, code: 'unsupported_value' },
        );
      }
    }
  });
}

function decodeAssistantContent(message: AssistantMessage): ContentPart[] {
  const parts: ContentPart[] = [];
  if (typeof message.content === 'string') parts.push(...text(message.content));
  else
    for (const part of message.content ?? [])
      parts.push(...text(part.type === 'text' ? part.text : part.refusal));
  for (const call of message.tool_calls ?? []) {
    parts.push(
      call.type === 'custom'
        ? {
            type: 'tool-call',
            id: call.id,
            name: call.custom.name,
            arguments: call.custom.input,
            freeform: true,
          }
        : toolCall(call.id, call.function.name, call.function.arguments),
    );
  }
  if (message.function_call) {
    const { name, arguments: rawArguments } = message.function_call;
    parts.push(toolCall(legacyCallId(name), name, rawArguments));
  }
  return parts;
}

function toolCall(id: string, name: string, rawArguments: unknown): ToolCallPart {
  return { type: 'tool-call', id, name, arguments: decodeToolArguments(rawArguments) };
}
