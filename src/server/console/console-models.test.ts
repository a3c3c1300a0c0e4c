import { describe, expect, it } from 'vitest';
import type { ModelInfo } from '../../core/model.ts';
import { listConsoleModels } from './console-models.ts';

const model = (id: string, upstreamModel: string, extra: Partial<ModelInfo> = {}): ModelInfo => ({
  id,
  upstreamModel,
  kind: 'chat',
  label: id,
  ownedBy: 'salesforce',
  ...extra,
});

describe('listConsoleModels', () => {
  const catalog = [
    model('gpt-4o', 'sfdc_ai__GPT4o'),
    model('gpt-4o-native', 'sfdc_ai__GPT4o', { surface: 'native' }),
    model('sfdc_ai__GPT4o', 'sfdc_ai__GPT4o'),
    model('text-embedding-3-small', 'sfdc_ai__Ada', { kind: 'embedding' }),
  ];

  it('names the other public names of the same upstream model as aliases, never the upstream name', () => {
    const [gpt, native, upstream, embedding] = listConsoleModels(catalog, 'models');
    expect(gpt?.aliases).toEqual(['gpt-4o-native']);
    expect(native?.aliases).toEqual(['gpt-4o']);
    // the catalog lists the upstream name itself too: its aliases are the public names
    expect(upstream?.aliases).toEqual(['gpt-4o', 'gpt-4o-native']);
    expect(embedding?.aliases).toEqual([]);
  });

  it('takes the surface from the alias, else UPSTREAM_API, and the capabilities from the surface', () => {
    const onModels = listConsoleModels(catalog, 'models');
    expect(onModels.map((entry) => entry.surface)).toEqual(['models', 'native', 'models', 'models']);
    expect(onModels[0]?.capabilities).toEqual({
      tools: 'emulated',
      streaming: 'simulated',
      structuredOutput: 'emulated',
    });
    expect(onModels[1]?.capabilities).toEqual({
      tools: 'native',
      streaming: 'native',
      structuredOutput: 'emulated',
    });
    // auto tries the native surface first; embeddings exist only on the Models API
    expect(listConsoleModels(catalog, 'auto').map((entry) => entry.surface)).toEqual([
      'native',
      'native',
      'native',
      'models',
    ]);
  });
});
