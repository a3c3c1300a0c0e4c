import { describe, expect, it } from 'vitest';
import { buildBedrockRequest } from './build-bedrock-request.ts';
import { dropThinking, request } from './chat-request.fixtures.ts';

describe('mapBedrockThinking', () => {
  const sampling = { temperature: 0.7, topP: 0.9, topK: 5 };

  it('sends adaptive thinking for enabled, reports the change and drops sampling as ignored', () => {
    const built = buildBedrockRequest(
      request({ sampling, reasoning: { mode: 'enabled', budgetTokens: 2048, returnText: true } }),
      dropThinking,
    );
    expect(built.body.thinking).toEqual({ type: 'adaptive' });
    expect(built.body).not.toHaveProperty('output_config');
    expect(built.body).not.toHaveProperty('temperature');
    expect(built.body).not.toHaveProperty('top_p');
    expect(built.body).not.toHaveProperty('top_k');
    expect(built.warnings).toEqual([
      { type: 'adjusted-setting', setting: 'reasoning', detail: expect.stringContaining('adaptive') },
      { type: 'ignored-setting', setting: 'temperature' },
      { type: 'ignored-setting', setting: 'topP' },
      { type: 'ignored-setting', setting: 'topK' },
    ]);
  });

  it('sends no thinking to Claude aliases before 4.6, which Salesforce refuses it on, and reports it', () => {
    for (const reasoning of [
      { mode: 'adaptive', returnText: true },
      { mode: 'disabled', returnText: false },
    ] as const) {
      const built = buildBedrockRequest(
        request({ model: 'sfdc_ai__DefaultBedrockAnthropicClaude45Sonnet', sampling, reasoning }),
        dropThinking,
      );
      expect(built.body).not.toHaveProperty('thinking');
      expect(built.body).toMatchObject({ temperature: 0.7, top_p: 0.9, top_k: 5 });
      const reported = built.warnings.filter((warning) => warning.setting === 'reasoning');
      expect(reported).toEqual(
        reasoning.mode === 'disabled' ? [] : [{ type: 'ignored-setting', setting: 'reasoning' }],
      );
    }
  });

  it('sends adaptive thinking with its effort as output_config.effort, without warnings', () => {
    const built = buildBedrockRequest(
      request({ reasoning: { mode: 'adaptive', effort: 'medium', returnText: false } }),
      dropThinking,
    );
    expect(built.body).toMatchObject({ thinking: { type: 'adaptive' }, output_config: { effort: 'medium' } });
    expect(built.warnings).toEqual([]);
  });

  it.each([
    ['minimal', 'low'],
    ['xhigh', 'high'],
    ['max', 'high'],
  ] as const)('adjusts effort %s to %s and says so', (effort, sent) => {
    const built = buildBedrockRequest(
      request({ reasoning: { mode: 'adaptive', effort, returnText: false } }),
      dropThinking,
    );
    expect(built.body.output_config).toEqual({ effort: sent });
    expect(built.warnings).toEqual([
      { type: 'adjusted-setting', setting: 'reasoningEffort', detail: expect.stringContaining(sent) },
    ]);
  });

  it('drops sampling on Opus 4.7 and later, which takes none at all, and reports it', () => {
    for (const model of [
      'sfdc_ai__DefaultBedrockAnthropicClaude47Opus',
      'sfdc_ai__DefaultBedrockAnthropicClaude5Sonnet',
    ]) {
      const built = buildBedrockRequest(request({ model, sampling }), dropThinking);
      expect(built.body).not.toHaveProperty('temperature');
      expect(built.body).not.toHaveProperty('top_p');
      expect(built.body).not.toHaveProperty('top_k');
      expect(built.warnings.map((warning) => warning.type === 'ignored-setting' && warning.setting)).toEqual([
        'temperature',
        'topP',
        'topK',
      ]);
    }
    const older = buildBedrockRequest(request({ sampling }), dropThinking);
    expect(older.body).toMatchObject({ temperature: 0.7, top_p: 0.9, top_k: 5 });
  });

  it('sends thinking disabled explicitly and keeps sampling', () => {
    const built = buildBedrockRequest(
      request({ sampling, reasoning: { mode: 'disabled', returnText: false } }),
      dropThinking,
    );
    expect(built.body).toMatchObject({
      thinking: { type: 'disabled' },
      temperature: 0.7,
      top_p: 0.9,
      top_k: 5,
    });
    expect(built.warnings).toEqual([]);
  });
});
