import { describe, expect, it } from 'vitest';
import { decodeMessagesRequest } from './decode.ts';

const base = { model: 'claude-sonnet-5', max_tokens: 4096, messages: [{ role: 'user', content: 'Why?' }] };

function decode(fields: Record<string, unknown>) {
  return decodeMessagesRequest({ ...base, ...fields });
}

describe('decodeMessagesRequest: thinking and output_config.effort', () => {
  it.each([
    [
      { thinking: { type: 'enabled', budget_tokens: 2048 } },
      { mode: 'enabled', budgetTokens: 2048, returnText: true },
    ],
    [
      { thinking: { type: 'adaptive' }, output_config: { effort: 'medium' } },
      { mode: 'adaptive', effort: 'medium', returnText: true },
    ],
    [{ thinking: { type: 'adaptive', display: 'omitted' } }, { mode: 'adaptive', returnText: false }],
    [
      { thinking: { type: 'enabled', budget_tokens: 1024, display: 'summarized' } },
      { mode: 'enabled', budgetTokens: 1024, returnText: true },
    ],
    [{ thinking: { type: 'disabled' } }, { mode: 'disabled', returnText: false }],
    [
      { thinking: { type: 'disabled' }, output_config: { effort: 'low' } },
      { mode: 'disabled', effort: 'low', returnText: false },
    ],
    [{ output_config: { effort: 'max' } }, { mode: 'disabled', effort: 'max', returnText: false }],
  ])('decodes %j into reasoning settings', (fields, reasoning) => {
    const { request, fieldNames } = decode(fields);
    expect(request.reasoning).toEqual(reasoning);
    expect(fieldNames.ignoredFields).toEqual([]);
  });

  it('leaves reasoning out when the client said nothing about it', () => {
    expect(decode({ output_config: { effort: null } }).request).not.toHaveProperty('reasoning');
    expect(decode({}).request).not.toHaveProperty('reasoning');
  });

  it('names the settings by their Anthropic fields', () => {
    const { fieldNames } = decode({ thinking: { type: 'adaptive' } });
    expect(fieldNames.settings).toMatchObject({
      reasoning: 'thinking',
      reasoningEffort: 'output_config.effort',
    });
    expect(fieldNames).not.toHaveProperty('reasoningFields');
  });

  it('names both fields behind thinking that is on with an effort, and neither when thinking is off', () => {
    const on = decode({ thinking: { type: 'adaptive' }, output_config: { effort: 'high' } });
    expect(on.fieldNames.reasoningFields).toEqual(['thinking', 'output_config.effort']);
    const off = decode({ thinking: { type: 'disabled' }, output_config: { effort: 'high' } });
    expect(off.fieldNames).not.toHaveProperty('reasoningFields');
  });

  it('refuses an effort no model knows, naming the field', () => {
    expect(() => decode({ output_config: { effort: 'extreme' } })).toThrow(
      expect.objectContaining({ status: 400, param: 'output_config.effort' }),
    );
  });
});
