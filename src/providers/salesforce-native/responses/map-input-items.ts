import type { ContentPart, Message, ToolCallPart } from '../../../core/model.ts';

/** One item of a Responses `input` list. */
export type InputItem = Record<string, unknown>;

type MessagePart =
  | { type: 'input_text'; text: string }
  | { type: 'input_image'; image_url: string; detail: 'auto' };

/**
 * The conversation as Responses input items, in the order the parts were produced: text and
 * images become message items (one per run of adjacent parts), tool calls and results become
 * their own items between them.
 */
export function mapInputItems(messages: Message[]): InputItem[] {
  const freeformCalls = collectFreeformCallIds(messages);
  const items: InputItem[] = [];
  for (const message of messages) {
    let run: MessagePart[] = [];
    const closeRun = () => {
      if (run.length > 0) items.push(messageItem(message, run));
      run = [];
    };
    for (const part of message.content) {
      const messagePart = mapMessagePart(part, message.role);
      if (messagePart) {
        run.push(messagePart);
        continue;
      }
      const item = mapToolItem(part, freeformCalls);
      if (item) {
        closeRun();
        items.push(item);
      }
    }
    closeRun();
  }
  return items;
}

function mapMessagePart(part: ContentPart, role: Message['role']): MessagePart | undefined {
  if (part.type === 'text') return part.text === '' ? undefined : { type: 'input_text', text: part.text };
  // the API's image part requires a detail level; auto lets the model pick, as OpenAI's default.
  // Assistant turns are replayed as output text, which has no image form.
  if (part.type === 'image' && role !== 'assistant') {
    return { type: 'input_image', image_url: part.url, detail: 'auto' };
  }
  return undefined;
}

function mapToolItem(part: ContentPart, freeformCalls: Set<string>): InputItem | undefined {
  switch (part.type) {
    case 'tool-call':
      return part.freeform
        ? { type: 'custom_tool_call', call_id: part.id, name: part.name, input: String(part.arguments) }
        : { type: 'function_call', call_id: part.id, name: part.name, arguments: encodeArguments(part) };
    case 'tool-result':
      // The Responses API has no error flag on a tool result; the tool's own text says what failed.
      return {
        type: freeformCalls.has(part.callId) ? 'custom_tool_call_output' : 'function_call_output',
        call_id: part.callId,
        output: part.content,
      };
    // Reasoning is dropped: the route is stateless (store: false), and the API takes reasoning
    // back only as its own reasoning items with their ids and encrypted content, which a
    // summary text is not. Text and images are message parts, handled before this.
    default:
      return undefined;
  }
}

function messageItem(message: Message, content: MessagePart[]): InputItem {
  if (message.role === 'assistant') {
    const text = content.flatMap((part) => (part.type === 'input_text' ? [part.text] : [])).join('');
    return { type: 'message', role: 'assistant', content: [{ type: 'output_text', text }] };
  }
  // a tool turn's stray text is something the client side reports, like a user turn
  const role = message.role === 'system' ? 'system' : 'user';
  return { type: 'message', role, content };
}

// Arguments kept as a raw string (text that was never JSON) go back as the model wrote them;
// encoding them again would wrap them in quotes.
function encodeArguments(call: ToolCallPart): string {
  return typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments ?? {});
}

// A tool result names only its call id; whether it answers a freeform call is known from the call.
function collectFreeformCallIds(messages: Message[]): Set<string> {
  const ids = new Set<string>();
  for (const message of messages) {
    for (const part of message.content) if (part.type === 'tool-call' && part.freeform) ids.add(part.id);
  }
  return ids;
}
