import { describe, expect, it } from 'vitest';
import type { ToolChoice } from '../core/model.ts';
import { buildToolInstructions } from '../emulation/tools/tool-prompt.ts';
import { readToolRule } from './tool-rule.ts';

const tools = [{ name: 'get_weather', parameters: { type: 'object', properties: {} } }];

describe('readToolRule', () => {
  it('reads every choice the gateway can state', () => {
    const choices: ToolChoice[] = [
      { type: 'auto' },
      { type: 'none' },
      { type: 'required' },
      { type: 'tool', name: 'get_weather' },
    ];
    for (const choice of choices) {
      expect(readToolRule(buildToolInstructions(tools, choice, true))).toEqual({ choice, parallel: true });
    }
  });

  it('sees when only one call per reply is allowed', () => {
    const instructions = buildToolInstructions(tools, { type: 'required' }, false);
    expect(readToolRule(`Client text first.\n\n${instructions}\n\nMore client text.`)).toEqual({
      choice: { type: 'required' },
      parallel: false,
    });
  });

  it('falls back to auto with parallel calls when no rule is stated', () => {
    expect(readToolRule('You are a helpful assistant.')).toEqual({
      choice: { type: 'auto' },
      parallel: true,
    });
  });
});
