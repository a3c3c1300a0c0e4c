import { GatewayError } from '../../../core/errors.ts';
import type { ContentPart, ImagePart, Message } from '../../../core/model.ts';
import type { JsonObject } from '../shared/as-json-object.ts';
import { freeformNotNative } from './map-bedrock-tools.ts';

/** One Anthropic content block as the Bedrock body carries it. */
export type BedrockBlock = JsonObject & { type: string };

/** One turn of the Bedrock body: Anthropic roles only. */
export interface BedrockMessage {
  role: 'user' | 'assistant';
  content: BedrockBlock[];
}

/** The conversation split the way the Anthropic body wants it. */
export interface BedrockConversation {
  /** System messages joined; undefined when there are none. */
  system?: string;
  messages: BedrockMessage[];
}

/** Options of the history mapping. */
export interface MapMessagesOptions {
  /** Send thinking / redacted_thinking blocks back to the upstream (see createBedrockRoute). */
  keepThinkingHistory: boolean;
}

/** Neutral messages -> `system` and content-block turns; consecutive turns of one role merged. */
export function mapBedrockMessages(messages: Message[], options: MapMessagesOptions): BedrockConversation {
  const system: string[] = [];
  const turns: BedrockMessage[] = [];
  messages.forEach((message, index) => {
    if (message.role === 'system') {
      // a system message anywhere in the history goes to the one system slot, in order
      for (const part of message.content)
        if (part.type === 'text' && part.text !== '') system.push(part.text);
      return;
    }
    const content = message.content.flatMap((part) => mapPart(part, index, options));
    // Anthropic refuses a turn without blocks (e.g. an assistant turn that held only thinking)
    if (content.length === 0) return;
    // the Anthropic format has no tool role: tool results are reported back in a user turn
    const role = message.role === 'assistant' ? 'assistant' : 'user';
    const previous = turns.at(-1);
    if (previous?.role === role) previous.content.push(...content);
    else turns.push({ role, content });
  });
  return { ...(system.length > 0 ? { system: system.join('\n\n') } : {}), messages: turns };
}

function mapPart(part: ContentPart, messageIndex: number, options: MapMessagesOptions): BedrockBlock[] {
  switch (part.type) {
    case 'text':
      return part.text === '' ? [] : [{ type: 'text', text: part.text }];
    case 'image':
      return [mapImage(part, messageIndex)];
    case 'tool-call':
      if (part.freeform) throw freeformNotNative();
      return [
        { type: 'tool_use', id: part.id, name: part.name, input: mapToolInput(part.arguments, messageIndex) },
      ];
    case 'tool-result':
      return [
        {
          type: 'tool_result',
          tool_use_id: part.callId,
          content: part.content,
          ...(part.isError ? { is_error: true } : {}),
        },
      ];
    case 'reasoning':
      // Signed thinking blocks in the history make the observed upstream answer 502 "No user
      // context has been created!", so they are left out unless the route is told otherwise.
      // Nothing is reported: keeping or dropping them is the gateway's choice, not a client setting.
      if (!options.keepThinkingHistory) return [];
      if (part.redactedData !== undefined) return [{ type: 'redacted_thinking', data: part.redactedData }];
      // Anthropic takes thinking back only with its signature; unsigned reasoning (from another
      // model) cannot be verified, so it stays out
      if (part.signature === undefined) return [];
      return [{ type: 'thinking', thinking: part.text, signature: part.signature }];
  }
}

const dataUrlPattern = /^data:([^;,]+);base64,(.*)$/s;

function mapImage(part: ImagePart, messageIndex: number): BedrockBlock {
  const data = dataUrlPattern.exec(part.url);
  if (data) return { type: 'image', source: { type: 'base64', media_type: data[1], data: data[2] } };
  if (part.url.startsWith('https://')) return { type: 'image', source: { type: 'url', url: part.url } };
  throw new GatewayError(
    'invalid_request',
    'An image must be an https URL or a base64 data URL (data:image/png;base64,…).',
    { target: { type: 'message-content', index: messageIndex }, code: 'invalid_image_url' },
  );
}

// Neutral arguments are parsed already; a string can still arrive from a client that sent the
// arguments' JSON text, and Anthropic takes only an object as `input`.
function mapToolInput(value: unknown, messageIndex: number): unknown {
  // a call without arguments is a call with none
  let input: unknown = value ?? {};
  if (typeof input === 'string') {
    try {
      input = input.trim() === '' ? {} : JSON.parse(input);
    } catch {
      input = undefined;
    }
  }
  if (input && typeof input === 'object' && !Array.isArray(input)) return input;
  throw new GatewayError('invalid_request', "A tool call's arguments must be a JSON object.", {
    target: { type: 'message-content', index: messageIndex },
    code: 'invalid_tool_arguments',
  });
}
