import type { ToolChoice, ToolDefinition } from '../../core/model.ts';
import {
  envelopeTags,
  freeformClosingTag,
  renderBlock,
  renderFreeformCall,
  renderToolCalls,
} from './envelope.ts';

// Everything the model is told about tools, in one place. The instruction goes at the top of
// the system prompt; the conversation then shows earlier calls and results in the same
// envelope, so the history itself is the worked example.

/** The first line of the tool-use rule, followed by the rule itself; the simulator reads it. */
export const toolUseRulePrefix = 'Tool use for this reply:';

/** The system instruction that lists the tools and explains the envelope. */
export function buildToolInstructions(
  tools: ToolDefinition[],
  choice: ToolChoice,
  parallel: boolean,
): string {
  const listed = tools.map((tool) => ({
    name: tool.name,
    ...(tool.description ? { description: tool.description } : {}),
    ...(tool.freeform ? { format: tool.freeform } : { parameters: tool.parameters }),
  }));
  const example = renderToolCalls([{ name: 'tool_name', arguments: { parameter: 'value' } }]);
  return [
    'You can call tools. These are the tools, each with a JSON Schema for its arguments:',
    renderBlock(envelopeTags.tools, listed, 2),
    '',
    'To call tools, end your reply with exactly one block in this format:',
    example,
    ...(tools.some((tool) => tool.freeform) ? freeformInstructions() : []),
    'Rules for calling tools:',
    '- Inside the block put a JSON array; each item has "name" (a tool listed above) and "arguments" (a JSON object, not a string, valid against that tool\'s schema). Do not put the block in a code fence.',
    '- Use only the tools listed above. Never invent argument values you do not know: ask the user instead.',
    parallel
      ? '- To call several tools at once, put several items in the one array.'
      : '- Call at most one tool per reply: put exactly one item in the array.',
    '- Write nothing after the block. The results come back in the next message inside a <tool_results> block; read them and continue.',
    '- When you need no tool, answer normally and do not write a <tool_calls> block.',
    `${toolUseRulePrefix} ${describeChoice(choice)}`,
  ].join('\n');
}

// Only offered when a freeform tool is listed, so prompts without one stay as they were.
function freeformInstructions(): string[] {
  const example = renderFreeformCall({
    name: 'tool_name',
    input: 'the raw text input\nas many lines as it needs',
  });
  return [
    'A tool listed with a "format" instead of "parameters" takes raw text, not JSON: its input is any text ("type": "text") or text that the grammar in "definition" accepts. Call such a tool with this block instead, the input written exactly as the tool must receive it, not escaped, not quoted, not in a code fence:',
    example,
    `- The opening tag line and the closing ${freeformClosingTag} line each stand alone on their own line; everything between them is the input.`,
  ];
}

/** A short reminder sent when the model ignored a required call. */
export function buildToolReminder(choice: ToolChoice): string {
  return `Your last reply did not call a tool. ${describeChoice(choice)} Reply now with only the call block (<tool_calls>, or <tool_input> for a tool that takes raw text).`;
}

function describeChoice(choice: ToolChoice): string {
  switch (choice.type) {
    case 'auto':
      return 'call a tool only when it helps you answer.';
    case 'none':
      return 'do not call any tool; answer in plain text.';
    case 'required':
      return 'you must call at least one tool.';
    case 'tool':
      return `you must call the tool "${choice.name}".`;
  }
}
