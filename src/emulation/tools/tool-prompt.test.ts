import { describe, expect, it } from 'vitest';
import type { ToolDefinition } from '../../core/model.ts';
import { applyPatchGrammar, applyPatchTool } from './apply-patch.fixtures.ts';
import { buildToolInstructions, buildToolReminder } from './tool-prompt.ts';

const tools: ToolDefinition[] = [
  {
    name: 'lookup_order',
    description: 'Find an order',
    parameters: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
  },
  { name: 'ping', parameters: { type: 'object', properties: {} } },
];

describe('buildToolInstructions', () => {
  it('lists every tool with its schema inside a <tools> block', () => {
    const text = buildToolInstructions(tools, { type: 'auto' }, true);
    const listed = JSON.parse(text.slice(text.indexOf('<tools>') + 7, text.indexOf('</tools>')));
    expect(listed).toEqual([
      { name: 'lookup_order', description: 'Find an order', parameters: tools[0]?.parameters },
      { name: 'ping', parameters: { type: 'object', properties: {} } },
    ]);
    expect(text).toContain('<tool_calls>');
  });

  it.each([
    [{ type: 'auto' } as const, 'call a tool only when it helps you answer.'],
    [{ type: 'none' } as const, 'do not call any tool; answer in plain text.'],
    [{ type: 'required' } as const, 'you must call at least one tool.'],
    [{ type: 'tool', name: 'ping' } as const, 'you must call the tool "ping".'],
  ])('ends with the rule for tool_choice %o', (choice, rule) => {
    expect(buildToolInstructions(tools, choice, true).endsWith(`Tool use for this reply: ${rule}`)).toBe(
      true,
    );
  });

  it('allows several calls only when parallel calls are on', () => {
    expect(buildToolInstructions(tools, { type: 'auto' }, true)).toContain('several items');
    expect(buildToolInstructions(tools, { type: 'auto' }, false)).toContain('at most one tool');
  });

  it('reminds the model of a required call', () => {
    expect(buildToolReminder({ type: 'tool', name: 'ping' })).toContain('you must call the tool "ping".');
  });
});

describe('buildToolInstructions with a freeform tool', () => {
  it('lists it with its format instead of parameters and explains the <tool_input> block', () => {
    const text = buildToolInstructions([...tools, applyPatchTool], { type: 'auto' }, true);
    const listed = JSON.parse(text.slice(text.indexOf('<tools>') + 7, text.indexOf('</tools>')));
    expect(listed.at(-1)).toEqual({
      name: 'apply_patch',
      description: applyPatchTool.description,
      format: { type: 'grammar', syntax: 'lark', definition: applyPatchGrammar },
    });
    expect(text).toContain(
      '<tool_input name="tool_name">\nthe raw text input\nas many lines as it needs\n</tool_input>',
    );
  });

  it('says nothing of <tool_input> when no tool is freeform', () => {
    expect(buildToolInstructions(tools, { type: 'auto' }, true)).not.toContain('<tool_input');
  });
});
