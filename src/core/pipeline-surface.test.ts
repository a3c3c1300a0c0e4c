import { describe, expect, it } from 'vitest';
import { sharedSchemaValidator } from '../emulation/schema/schema-validator.fixtures.ts';
import type { ModelInfo } from './model.ts';
import { ModelCatalog } from './model-catalog.ts';
import { Pipeline } from './pipeline.ts';
import {
  generationRequest,
  scriptedProvider,
  testContext,
  textOnlyCapabilities,
  textRequest,
} from './provider.fixtures.ts';

const claude: ModelInfo = {
  id: 'sfdc_ai__Claude',
  upstreamModel: 'sfdc_ai__Claude',
  kind: 'chat',
  label: 'Claude',
  ownedBy: 'salesforce',
};

function pipelineWithAliases() {
  const scripted = scriptedProvider({ replies: ['a', 'b', 'c'], capabilities: textOnlyCapabilities });
  const catalog = new ModelCatalog({
    upstreamModels: [claude],
    aliases: { 'fast-claude': { model: 'sfdc_ai__Claude', surface: 'native' }, claude: 'sfdc_ai__Claude' },
  });
  const pipeline = new Pipeline(scripted.provider, catalog, { schemaChecker: sharedSchemaValidator });
  return { pipeline, ...scripted };
}

describe('Pipeline: the surface an alias asks for', () => {
  it('hands it down on the request, next to the upstream name', async () => {
    const { pipeline, chats, generations } = pipelineWithAliases();
    await pipeline.chat(textRequest('hi', { model: 'fast-claude' }), testContext);
    await pipeline.generate({ ...generationRequest('hi'), model: 'fast-claude' }, testContext);
    expect(chats[0]).toMatchObject({ model: 'sfdc_ai__Claude', surface: 'native' });
    expect(generations[0]).toMatchObject({ model: 'sfdc_ai__Claude', surface: 'native' });
  });

  it('sets none for a plain alias, and drops one the request arrived with', async () => {
    const { pipeline, chats } = pipelineWithAliases();
    await pipeline.chat(textRequest('hi', { model: 'claude', surface: 'auto' }), testContext);
    await pipeline.chat(textRequest('hi', { model: 'sfdc_ai__Claude' }), testContext);
    for (const received of chats) {
      expect(received.model).toBe('sfdc_ai__Claude');
      expect(received).not.toHaveProperty('surface');
    }
  });

  it('lists the alias without changing the listing fields', () => {
    const { pipeline } = pipelineWithAliases();
    expect(pipeline.findModel('fast-claude')).toMatchObject({ id: 'fast-claude', label: 'Claude' });
  });
});
