import { GatewayError } from '../../../core/errors.ts';
import type { Message, ToolCallPart, ToolResultPart } from '../../../core/model.ts';
import type { GatewayMessage, GatewayToolInvocation } from './gateway-wire.ts';

/**
 * Maps the neutral history to the gateway's string-content messages. Tool calls travel as
 * `tool_invocations` on the assistant turn; each tool result becomes its own `tool` message that
 * names the call's id and tool. Reasoning is dropped (the route takes none back). Images throw:
 * content is a string here, so an image could only be lost silently.
 */
export function mapGatewayMessages(messages: Message[]): GatewayMessage[] {
  const toolNames = new Map<string, string>();
  const mapped: GatewayMessage[] = [];
  messages.forEach((message, index) => {
    let texts: string[] = [];
    const invocations: GatewayToolInvocation[] = [];
    const flushText = () => {
      if (texts.length > 0) mapped.push({ role: message.role, content: texts.join('\n') });
      texts = [];
    };
    for (const part of message.content) {
      switch (part.type) {
        case 'text':
          texts.push(part.text);
          break;
        case 'tool-call':
          toolNames.set(part.id, part.name);
          invocations.push(mapToolInvocation(part));
          break;
        case 'tool-result':
          // A result inside a user turn (Anthropic style) still goes out as a tool message, in place.
          flushText();
          mapped.push(mapToolResult(part, toolNames));
          break;
        case 'image':
          throw imageError(index);
        case 'reasoning':
          break;
      }
    }
    if (invocations.length > 0) {
      mapped.push({ role: 'assistant', content: texts.join('\n'), tool_invocations: invocations });
    } else {
      flushText();
    }
  });
  return mapped;
}

function mapToolInvocation(part: ToolCallPart): GatewayToolInvocation {
  if (part.freeform === true) throw freeformError(part.name);
  return { id: part.id, function: { name: part.name, arguments: JSON.stringify(part.arguments ?? {}) } };
}

function mapToolResult(part: ToolResultPart, toolNames: Map<string, string>): GatewayMessage {
  const name = toolNames.get(part.callId);
  // The route has no error flag for a result; the text is sent as the client wrote it.
  return {
    role: 'tool',
    content: part.content,
    tool_call_id: part.callId,
    ...(name === undefined ? {} : { tool_call_name: name }),
  };
}

function imageError(index: number): GatewayError {
  return new GatewayError(
    'invalid_request',
    `message ${index} contains an image, but images are not supported on the LLM-gateway route (it takes text only); send the content as text or use a model served by another route.`,
    { target: { type: 'message-content', index }, code: 'unsupported_content' },
  );
}

/** Freeform tools are not native on this route; the provider must route them elsewhere first. */
export function freeformError(name: string): GatewayError {
  return new GatewayError(
    'internal',
    `the freeform tool "${name}" reached the LLM-gateway route, which supports JSON function tools only.`,
    { code: 'freeform_tool_on_llm_gateway' },
  );
}
