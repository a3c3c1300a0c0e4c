import type { ToolChoice } from '../core/model.ts';
import { buildToolInstructions, toolUseRulePrefix } from '../emulation/tools/tool-prompt.ts';

// The wording to recognise is taken from the gateway's own instruction builder, so the simulator
// and the gateway cannot drift apart when the wording changes.

/** What the tool instruction allows for this reply. */
export interface ToolRule {
  choice: ToolChoice;
  /** False when the instruction says to call at most one tool per reply. */
  parallel: boolean;
}

const namePlaceholder = '\u0000';

function instructionLines(choice: ToolChoice, parallel: boolean): string[] {
  return buildToolInstructions([], choice, parallel).split('\n');
}

function describeRule(choice: ToolChoice): string {
  const line = instructionLines(choice, true).find((candidate) => candidate.startsWith(toolUseRulePrefix));
  return (line ?? '').slice(toolUseRulePrefix.length).trim();
}

function readChoice(rule: string): ToolChoice {
  if (rule === describeRule({ type: 'none' })) return { type: 'none' };
  if (rule === describeRule({ type: 'required' })) return { type: 'required' };
  const [before = '', after = ''] = describeRule({ type: 'tool', name: namePlaceholder }).split(
    namePlaceholder,
  );
  const named = rule.length > before.length + after.length && rule.startsWith(before) && rule.endsWith(after);
  return named
    ? { type: 'tool', name: rule.slice(before.length, rule.length - after.length) }
    : { type: 'auto' };
}

function singleCallLine(): string | undefined {
  const parallelLines = new Set(instructionLines({ type: 'auto' }, true));
  return instructionLines({ type: 'auto' }, false).find((line) => !parallelLines.has(line));
}

/** Reads the tool-use rule from instruction text; auto with parallel calls when it states none. */
export function readToolRule(instructions: string): ToolRule {
  const lines = instructions.split('\n').map((line) => line.trim());
  const ruleLine = lines.find((line) => line.startsWith(toolUseRulePrefix));
  const choice =
    ruleLine === undefined
      ? { type: 'auto' as const }
      : readChoice(ruleLine.slice(toolUseRulePrefix.length).trim());
  const single = singleCallLine();
  return { choice, parallel: single === undefined || !lines.includes(single) };
}
