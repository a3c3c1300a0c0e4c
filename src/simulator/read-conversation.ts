import type { ToolDefinition } from '../core/model.ts';
import { jsonOnlyInstruction } from '../emulation/structured-output-prompt.ts';
import { type EnvelopeResult, envelopeTags } from '../emulation/tools/envelope.ts';
import { toolUseRulePrefix } from '../emulation/tools/tool-prompt.ts';
import { type ArgumentHints, readArgumentHints } from './argument-hints.ts';
import { readFreeformInput } from './freeform-input.ts';
import { readJsonBlocks } from './json-blocks.ts';
import type { ChatMessage, ReplyRequest } from './reply-request.ts';
import { readScenarioMarkers, type ScenarioMarkers } from './scenario-markers.ts';
import { isRecord } from './schema-example.ts';
import { readToolRule, type ToolRule } from './tool-rule.ts';

/** What the gateway's instructions and the user's last turn ask of the simulated model. */
export interface ConversationReading {
  /** Tools listed in a <tools> block; empty when none are offered. */
  tools: ToolDefinition[];
  rule: ToolRule;
  /** True when the last message is the user's (always, for a generations prompt). */
  endsWithUser: boolean;
  /** The last user turn; for a generations prompt, everything after the gateway's instructions. */
  userText: string;
  /** The results in the last user turn's <tool_results> block, when it ends the conversation. */
  toolResults: EnvelopeResult[] | undefined;
  /** Set when the instructions ask for JSON only, with the <response_schema> when one is given. */
  jsonOutput: { schema: Record<string, unknown> | undefined } | undefined;
  markers: ScenarioMarkers;
  /** Values the user spelled out as `key=value` anywhere in their turns; later ones win. */
  hints: ArgumentHints;
  /** The raw text the user marked as a freeform tool's input (see freeform-input.ts), if any. */
  freeformInput: string | undefined;
}

interface ConversationText {
  instructions: string;
  endsWithUser: boolean;
  userText: string;
  /** Everything the user side wrote, oldest first, where markers are looked for. */
  userTranscript: string;
  /** Where `key=value` hints are looked for. */
  hintText: string;
}

function readChatText(messages: readonly ChatMessage[]): ConversationText {
  const contentsOf = (role: ChatMessage['role']) =>
    messages.filter((message) => message.role === role).map((message) => message.content);
  const userContents = contentsOf('user');
  return {
    instructions: contentsOf('system').join('\n\n'),
    endsWithUser: messages.at(-1)?.role === 'user',
    userText: userContents.at(-1) ?? messages.at(-1)?.content ?? '',
    userTranscript: userContents.join('\n'),
    hintText: userContents.join('\n'),
  };
}

// A generations prompt is one string: the gateway's instructions come first, so the user's part
// is whatever follows them (a later correction repeats the JSON-only words, hence the first ones).
function readPromptText(prompt: string): ConversationText {
  let end = 0;
  for (const opening of [toolUseRulePrefix, jsonOnlyInstruction]) {
    const start = prompt.indexOf(opening);
    if (start === -1) continue;
    const lineEnd = prompt.indexOf('\n', start);
    end = Math.max(end, lineEnd === -1 ? prompt.length : lineEnd);
  }
  const closing = envelopeTags.responseSchema[1];
  const schemaEnd = prompt.indexOf(closing);
  if (schemaEnd !== -1) end = Math.max(end, schemaEnd + closing.length);
  const userText = prompt.slice(end).trim();
  return { instructions: prompt, endsWithUser: true, userText, userTranscript: prompt, hintText: userText };
}

function readTools(instructions: string): ToolDefinition[] {
  const listed = readJsonBlocks(instructions, envelopeTags.tools).find(Array.isArray) ?? [];
  return listed.filter(isRecord).flatMap((tool) => {
    if (typeof tool.name !== 'string') return [];
    const parameters = isRecord(tool.parameters) ? tool.parameters : {};
    const description = typeof tool.description === 'string' ? { description: tool.description } : {};
    // The gateway lists a freeform tool with its input format instead of parameters.
    const freeform = isRecord(tool.format) ? { freeform: { type: 'text' as const } } : {};
    return [{ name: tool.name, ...description, parameters, ...freeform }];
  });
}

function readToolResults(userText: string): EnvelopeResult[] | undefined {
  const block = readJsonBlocks(userText, envelopeTags.toolResults).filter(Array.isArray).at(-1);
  return block?.filter(isRecord).map((result) => ({
    call_id: String(result.call_id ?? ''),
    ...(typeof result.name === 'string' ? { name: result.name } : {}),
    content: typeof result.content === 'string' ? result.content : JSON.stringify(result.content ?? null),
    is_error: result.is_error === true,
  }));
}

/** The JSON-only instruction in instruction text, with its schema when one is given. */
export function readJsonOutput(instructions: string): ConversationReading['jsonOutput'] {
  if (!instructions.includes(jsonOnlyInstruction)) return undefined;
  return { schema: readJsonBlocks(instructions, envelopeTags.responseSchema).find(isRecord) };
}

/** Reads a request: chat messages, or a generations prompt passed as one user message. */
export function readConversation(
  endpoint: ReplyRequest['endpoint'],
  messages: readonly ChatMessage[],
): ConversationReading {
  const text =
    endpoint === 'generations' ? readPromptText(messages[0]?.content ?? '') : readChatText(messages);
  return {
    tools: readTools(text.instructions),
    rule: readToolRule(text.instructions),
    endsWithUser: text.endsWithUser,
    userText: text.userText,
    toolResults: text.endsWithUser ? readToolResults(text.userText) : undefined,
    jsonOutput: readJsonOutput(text.instructions),
    markers: readScenarioMarkers(text.userTranscript),
    hints: readArgumentHints(text.hintText),
    freeformInput: readFreeformInput(text.userTranscript),
  };
}
