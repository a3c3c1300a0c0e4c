import { describe, expect, it } from 'vitest';
import type { ModelInfo } from '../../core/model.ts';
import { encodeModel, encodeModelList } from './encode-models.ts';

describe('model encoding', () => {
  const model: ModelInfo = {
    id: 'my-model',
    upstreamModel: 'sfdc_ai__DefaultGPT4Omni',
    kind: 'chat',
    label: 'GPT-4o',
    ownedBy: 'salesforce',
  };

  it('encodes one model with the four required fields and a display name', () => {
    expect(encodeModel(model, 1_760_000_000)).toEqual({
      id: 'my-model',
      object: 'model',
      created: 1_760_000_000,
      owned_by: 'salesforce',
      name: 'GPT-4o',
    });
  });

  it('encodes the list wrapper', () => {
    expect(encodeModelList([model], 5)).toEqual({
      object: 'list',
      data: [{ id: 'my-model', object: 'model', created: 5, owned_by: 'salesforce', name: 'GPT-4o' }],
    });
  });
});
