import { describe, expect, it } from 'vitest';
import { GatewayError } from './errors.ts';
import type { ModelInfo } from './model.ts';
import { ModelCatalog } from './model-catalog.ts';

const upstreamModels: ModelInfo[] = [
  { id: 'sfdc_ai__Chat', upstreamModel: 'sfdc_ai__Chat', kind: 'chat', label: 'Chat', ownedBy: 'salesforce' },
  {
    id: 'sfdc_ai__Embed',
    upstreamModel: 'sfdc_ai__Embed',
    kind: 'embedding',
    label: 'Embed',
    ownedBy: 'salesforce',
  },
];

const catalog = new ModelCatalog({
  upstreamModels,
  aliases: { 'gpt-4o': 'sfdc_ai__Chat', ada: 'sfdc_ai__Embed', broken: 'sfdc_ai__Missing' },
  resolveUnlisted: (id) =>
    id.startsWith('sfdc_ai__')
      ? { id, upstreamModel: id, kind: 'chat', label: id, ownedBy: 'salesforce' }
      : undefined,
});

describe('ModelCatalog', () => {
  it('lists aliases first, then upstream names', () => {
    expect(catalog.list().map((model) => model.id)).toEqual([
      'gpt-4o',
      'ada',
      'broken',
      'sfdc_ai__Chat',
      'sfdc_ai__Embed',
    ]);
  });

  it('resolves aliases case-insensitively to upstream names', () => {
    expect(catalog.resolve('GPT-4o', 'chat').upstreamModel).toBe('sfdc_ai__Chat');
  });

  it('passes unlisted Salesforce API names through', () => {
    expect(catalog.resolve('sfdc_ai__MyCustomConfig', 'chat').upstreamModel).toBe('sfdc_ai__MyCustomConfig');
  });

  it('answers an unknown name with a 404 naming the model', () => {
    const error = (() => {
      try {
        catalog.resolve('llama-3', 'chat');
      } catch (thrown) {
        return thrown as GatewayError;
      }
    })();
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ status: 404, code: 'model_not_found', param: 'model' });
    expect(error?.message).toContain("'llama-3'");
  });

  it('refuses an embedding model for chat with a 400', () => {
    expect(() => catalog.resolve('ada', 'chat')).toThrow(
      "The model 'ada' is for embeddings and cannot be used for chat",
    );
  });

  it('lists only what isListed accepts, yet still resolves a hidden name', () => {
    const servedOnly = new ModelCatalog({
      upstreamModels,
      aliases: { 'gpt-4o': 'sfdc_ai__Chat', ada: 'sfdc_ai__Embed' },
      isListed: (model) => model.upstreamModel === 'sfdc_ai__Embed',
    });
    expect(servedOnly.list().map((model) => model.id)).toEqual(['ada', 'sfdc_ai__Embed']);
    expect(servedOnly.resolve('gpt-4o', 'chat').upstreamModel).toBe('sfdc_ai__Chat');
  });

  it("keeps an alias's surface with its upstream model, and none for plain aliases or upstream names", () => {
    const withSurfaces = new ModelCatalog({
      upstreamModels,
      aliases: {
        'fast-claude': { model: 'sfdc_ai__Claude', surface: 'native' },
        'gpt-4o': 'sfdc_ai__Chat',
        plain: { model: 'sfdc_ai__Chat' },
      },
      resolveUnlisted: (id) =>
        id.startsWith('sfdc_ai__')
          ? { id, upstreamModel: id, kind: 'chat', label: id, ownedBy: 'salesforce' }
          : undefined,
    });
    expect(withSurfaces.resolve('Fast-Claude', 'chat')).toMatchObject({
      id: 'fast-claude',
      upstreamModel: 'sfdc_ai__Claude',
      surface: 'native',
    });
    for (const name of ['gpt-4o', 'plain', 'sfdc_ai__Chat', 'sfdc_ai__Claude']) {
      expect(withSurfaces.resolve(name, 'chat')).not.toHaveProperty('surface');
    }
    expect(withSurfaces.resolve('plain', 'chat').upstreamModel).toBe('sfdc_ai__Chat');
  });
});
