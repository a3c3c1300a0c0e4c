import type { ToolDefinition } from '../core/model.ts';
import { type EnvelopeCall, renderFreeformCall, renderToolCalls } from '../emulation/tools/envelope.ts';
import type { ArgumentHints } from './argument-hints.ts';
import { writeCallsInShape } from './call-shapes.ts';
import type { ConversationReading } from './read-conversation.ts';
import { buildSchemaExample, isRecord } from './schema-example.ts';
import { buildSchemaViolation } from './schema-violation.ts';

function escapeForPattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Tools named in the user's text, in the order they are first mentioned.
function mentionedTools(tools: ToolDefinition[], userText: string): ToolDefinition[] {
  const positions = tools.map((tool) => ({
    tool,
    position: userText.search(new RegExp(`(?<![\\w-])${escapeForPattern(tool.name)}(?![\\w-])`)),
  }));
  return positions
    .filter((entry) => entry.position !== -1)
    .sort((first, second) => first.position - second.position)
    .map((entry) => entry.tool);
}

/** The tools to call: the one the rule names, else those the user mentions, else the first one.
 * A marked freeform input narrows the choice to freeform tools, when any is offered. */
function chooseTools(reading: ConversationReading): ToolDefinition[] {
  const { choice, parallel } = reading.rule;
  if (choice.type === 'tool') {
    return [reading.tools.find((tool) => tool.name === choice.name) ?? { name: choice.name, parameters: {} }];
  }
  const freeformTools = reading.tools.filter((tool) => tool.freeform);
  const candidates =
    reading.freeformInput !== undefined && freeformTools.length > 0 ? freeformTools : reading.tools;
  const mentioned = mentionedTools(candidates, reading.userText);
  if (mentioned.length === 0) return candidates.slice(0, 1);
  return parallel ? mentioned : mentioned.slice(0, 1);
}

// Without a marked input the fake model still calls the tool, with text that says so.
const placeholderFreeformInput = 'example input';

function buildArguments(tool: ToolDefinition, hints: ArgumentHints): Record<string, unknown> {
  const instance = buildSchemaExample(tool.parameters, hints);
  return isRecord(instance) ? instance : {};
}

function unknownToolName(tools: ToolDefinition[]): string {
  let name = 'unknown_tool';
  while (tools.some((tool) => tool.name === name)) name = `${name}_x`;
  return name;
}

function shouldCallTools(reading: ConversationReading): boolean {
  const calling = reading.tools.length > 0 && reading.rule.choice.type !== 'none';
  return (
    calling &&
    reading.endsWithUser &&
    reading.toolResults === undefined &&
    reading.markers.toolShape !== 'no-call'
  );
}

// The two markers that change which calls are made rather than how they are written.
function buildCalls(chosen: ToolDefinition[], reading: ConversationReading): EnvelopeCall[] {
  const calls = chosen.map((tool) => ({ name: tool.name, arguments: buildArguments(tool, reading.hints) }));
  switch (reading.markers.toolShape) {
    case 'unknown-tool':
      return calls.map((call) => ({ ...call, name: unknownToolName(reading.tools) }));
    case 'invalid-arguments':
      return calls.map((call, index) => ({
        ...call,
        arguments: buildSchemaViolation(chosen[index]?.parameters, call.arguments),
      }));
    default:
      return calls;
  }
}

/** The calls this turn makes, as structured calls (native tool calling), or undefined when it makes none. */
export function planToolCalls(reading: ConversationReading): EnvelopeCall[] | undefined {
  return shouldCallTools(reading) ? buildCalls(chooseTools(reading), reading) : undefined;
}

/** The reply that calls tools, or undefined when this turn should not call one. */
export function buildToolCallReply(reading: ConversationReading): string | undefined {
  if (!shouldCallTools(reading)) return undefined;
  const chosen = chooseTools(reading);
  if (chosen.some((tool) => tool.freeform)) return writeMixedCalls(chosen, reading);
  const calls = buildCalls(chosen, reading);
  const shape = reading.markers.toolShape;
  if (shape === 'unknown-tool' || shape === 'invalid-arguments' || shape === 'no-call') {
    return renderToolCalls(calls);
  }
  return writeCallsInShape(shape, calls);
}

// Freeform tools get a <tool_input> block each; function tools share one <tool_calls> block.
function writeMixedCalls(chosen: ToolDefinition[], reading: ConversationReading): string {
  const functionCalls = chosen
    .filter((tool) => !tool.freeform)
    .map((tool) => ({ name: tool.name, arguments: buildArguments(tool, reading.hints) }));
  const input = reading.freeformInput ?? placeholderFreeformInput;
  return [
    ...(functionCalls.length > 0 ? [renderToolCalls(functionCalls)] : []),
    ...chosen.filter((tool) => tool.freeform).map((tool) => renderFreeformCall({ name: tool.name, input })),
  ].join('\n\n');
}
