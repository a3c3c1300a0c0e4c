import type { ContentPart, Message, Role } from '../../core/model.ts';
import { decodeContentBlock, decodeTextBlocks } from './decode-content-block.ts';
import type { MessagesRequestBody, WireMessage } from './schema.ts';

/** `system` + `messages` -> neutral messages: the system prompt first, then each turn in order. */
export function decodeMessages(
  system: MessagesRequestBody['system'],
  wireMessages: WireMessage[],
): Message[] {
  const messages = groupByRole('system', decodeTextBlocks(system ?? '', ['system']));
  for (const [index, message] of wireMessages.entries()) messages.push(...decodeMessage(message, index));
  return messages;
}

function decodeMessage(message: WireMessage, index: number): Message[] {
  const path = ['messages', index, 'content'];
  // A system entry inside messages (Claude Code's mid-conversation system beta) stays in place.
  if (message.role === 'system') return groupByRole('system', decodeTextBlocks(message.content, path));
  const parts =
    typeof message.content === 'string'
      ? decodeTextBlocks(message.content, path)
      : message.content.flatMap((block, blockIndex) => decodeContentBlock(block, [...path, blockIndex]));
  return groupByRole(message.role, parts);
}

// Neutral messages keep tool results in tool-role messages, as OpenAI clients send them, while
// Anthropic puts them at the head of a user turn: each run of results becomes its own tool
// message, in place. A turn left without parts (e.g. only thinking blocks) disappears; the
// provider merges the same-role neighbours this may leave.
function groupByRole(role: Role, parts: ContentPart[]): Message[] {
  const messages: Message[] = [];
  for (const part of parts) {
    const partRole = part.type === 'tool-result' ? 'tool' : role;
    const last = messages.at(-1);
    if (last?.role === partRole) last.content.push(part);
    else messages.push({ role: partRole, content: [part] });
  }
  return messages;
}
