import { describe, expect, it } from 'vitest';
import { decodeResponsesRequest } from './decode.ts';

const base = { model: 'my-model', input: 'Why?' };

describe('decodeResponsesRequest: reasoning', () => {
  it.each([
    [{ effort: 'high' }, { mode: 'adaptive', effort: 'high', returnText: false }],
    [
      { effort: 'low', summary: 'auto' },
      { mode: 'adaptive', effort: 'low', returnText: true },
    ],
    [{ summary: 'detailed' }, { mode: 'adaptive', returnText: true }],
    [
      { effort: 'medium', summary: null },
      { mode: 'adaptive', effort: 'medium', returnText: false },
    ],
  ])('decodes reasoning %j into reasoning settings', (reasoning, expected) => {
    const { request, fieldNames } = decodeResponsesRequest({ ...base, reasoning });
    expect(request.reasoning).toEqual(expected);
    expect(fieldNames.ignoredFields).toEqual([]);
  });

  it('names the settings by their Responses fields', () => {
    const { fieldNames } = decodeResponsesRequest({ ...base, reasoning: { effort: 'low' } });
    expect(fieldNames.settings).toMatchObject({
      reasoning: 'reasoning',
      reasoningEffort: 'reasoning.effort',
    });
  });

  it('refuses an effort no model knows, naming the field', () => {
    expect(() => decodeResponsesRequest({ ...base, reasoning: { effort: 'extreme' } })).toThrow(
      expect.objectContaining({ status: 400, param: 'reasoning.effort' }),
    );
  });
});
