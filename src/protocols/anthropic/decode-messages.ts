import { GatewayError } from '../../core/errors.ts';
import type { ContentPart, Message, Role } from '../../core/model.ts';
import { describeValue, formatParam } from '../shared/map-validation-issue.ts';
import { OpenToolCalls } from '../shared/open-tool-calls.ts';
import { decodeContentBlock, decodeTextBlocks } from './decode-content-block.ts';
import type { MessagesRequestBody, WireMessage } from './schema.ts';

/** `system` + `messages` -> neutral messages (the system prompt first, then each turn in order),
 * plus the path of each image block in that order. */
export function decodeMessages(
  system: MessagesRequestBody['system'],
  wireMessages: WireMessage[],
): { messages: Message[]; imageParts: string[] } {
  const messages = groupByRole('system', decodeTextBlocks(system ?? '', ['system']));
  const openCalls = new OpenToolCalls();
  const imageParts: string[] = [];
  for (const [index, message] of wireMessages.entries()) {
    messages.push(...decodeMessage(message, index, { openCalls, imageParts }));
  }
  return { messages, imageParts };
}

/** What decoding one message adds to across the whole request. */
interface DecodeState {
  openCalls: OpenToolCalls;
  imageParts: string[];
}

function decodeMessage(
  message: WireMessage,
  index: number,
  { openCalls, imageParts }: DecodeState,
): Message[] {
  const path = ['messages', index, 'content'];
  // A system entry inside messages (Claude Code's mid-conversation system beta) stays in place.
  if (message.role === 'system') return groupByRole('system', decodeTextBlocks(message.content, path));
  openCalls.enterTurn(message.role);
  const parts =
    typeof message.content === 'string'
      ? decodeTextBlocks(message.content, path)
      : message.content.flatMap((block, blockIndex) => {
          const blockPath = [...path, blockIndex];
          const blockParts = decodeContentBlock(block, blockPath);
          for (const part of blockParts) {
            pairToolParts(part, blockPath, openCalls);
            if (part.type === 'image') imageParts.push(formatParam(blockPath));
          }
          return blockParts;
        });
  return groupByRole(message.role, parts);
}

// The Messages API refuses a tool_result that answers no tool_use of the assistant turn before
// it; the model would otherwise read a result of a call it never made.
function pairToolParts(part: ContentPart, blockPath: PropertyKey[], openCalls: OpenToolCalls): void {
  if (part.type === 'tool-call') openCalls.addCall(part.id);
  if (part.type !== 'tool-result' || openCalls.answers(part.callId)) return;
  const param = formatParam([...blockPath, 'tool_use_id']);
  throw new GatewayError(
    'invalid_request',
    `${param} is ${describeValue(part.callId)}, which matches no tool_use block of the assistant turn before it; each tool_result must answer a tool_use of the previous assistant message.`,
    { param, code: 'invalid_value' },
  );
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
