import { describe, expect, it } from 'vitest';
import { createUnlistedModelResolver } from './resolve-unlisted-model.ts';

const resolve = createUnlistedModelResolver({
  opus: 'sfdc_ai__Opus',
  sonnet: 'sfdc_ai__Sonnet',
  haiku: 'sfdc_ai__Haiku',
});

describe('createUnlistedModelResolver', () => {
  it.each([
    ['claude-sonnet-4-5-20250929', 'sfdc_ai__Sonnet'],
    ['claude-opus-4-1', 'sfdc_ai__Opus'],
    ['claude-3-5-haiku-latest', 'sfdc_ai__Haiku'],
    ['Claude-Haiku-5', 'sfdc_ai__Haiku'],
    ['claude-sonnet-5[1m]', 'sfdc_ai__Sonnet'],
  ])('maps %s by family to %s', (id, upstreamModel) => {
    expect(resolve(id)).toMatchObject({ id, upstreamModel, kind: 'chat' });
  });

  it('passes Salesforce API names through, telling embedding models apart', () => {
    expect(resolve('sfdc_ai__MyCustomGPT')).toMatchObject({
      upstreamModel: 'sfdc_ai__MyCustomGPT',
      kind: 'chat',
    });
    expect(resolve('sfdc_ai__CustomTextEmbedding')).toMatchObject({ kind: 'embedding' });
  });

  it('knows nothing else', () => {
    expect(resolve('claude-instant')).toBeUndefined();
    expect(resolve('gpt-9')).toBeUndefined();
  });
});
