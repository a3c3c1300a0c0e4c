import { describe, expect, it } from 'vitest';
import { sharedSchemaValidator } from '../emulation/schema/schema-validator.fixtures.ts';
import type { ChatRequest, ReasoningSettings, Warning } from './model.ts';
import { ModelCatalog } from './model-catalog.ts';
import { Pipeline } from './pipeline.ts';
import { scriptedProvider, testContext, textOnlyCapabilities, textRequest } from './provider.fixtures.ts';
import type { ProviderCapabilities } from './provider.ts';

const catalog = new ModelCatalog({
  upstreamModels: [{ id: 'up', upstreamModel: 'up', kind: 'chat', label: 'Up', ownedBy: 'test' }],
  aliases: {},
});

function pipelineFor(capabilities: ProviderCapabilities) {
  const scripted = scriptedProvider({ replies: ['Sunny.'], capabilities });
  const pipeline = new Pipeline(scripted.provider, catalog, { schemaChecker: sharedSchemaValidator });
  return { pipeline, chats: scripted.chats };
}

async function warningsFor(capabilities: ProviderCapabilities, reasoning: ReasoningSettings) {
  const { pipeline, chats } = pipelineFor(capabilities);
  const warnings: Warning[] = [];
  await pipeline.chat(textRequest('Why?', { reasoning }), {
    ...testContext,
    onWarning: (warning) => warnings.push(warning),
  });
  return { warnings, chats };
}

describe('Pipeline: reasoning by capability', () => {
  it('reports reasoning as one ignored setting when the provider takes none, effort included', async () => {
    const { warnings, chats } = await warningsFor(textOnlyCapabilities, {
      mode: 'adaptive',
      effort: 'high',
      returnText: true,
    });
    expect(warnings).toEqual([{ type: 'ignored-setting', setting: 'reasoning' }]);
    expect(chats).toHaveLength(1);
  });

  it('reports enabled thinking with a budget the same way', async () => {
    const { warnings } = await warningsFor(textOnlyCapabilities, {
      mode: 'enabled',
      budgetTokens: 2048,
      returnText: true,
    });
    expect(warnings).toEqual([{ type: 'ignored-setting', setting: 'reasoning' }]);
  });

  it('reports only the effort when reasoning is off but an effort was set', async () => {
    const { warnings } = await warningsFor(textOnlyCapabilities, {
      mode: 'disabled',
      effort: 'low',
      returnText: false,
    });
    expect(warnings).toEqual([{ type: 'ignored-setting', setting: 'reasoningEffort' }]);
  });

  it('reports nothing for reasoning that is off without an effort', async () => {
    const { warnings } = await warningsFor(textOnlyCapabilities, { mode: 'disabled', returnText: false });
    expect(warnings).toEqual([]);
  });

  it('reports nothing and passes the settings on when the provider takes reasoning', async () => {
    const reasoning: ReasoningSettings = { mode: 'adaptive', effort: 'medium', returnText: false };
    const { warnings, chats } = await warningsFor({ ...textOnlyCapabilities, reasoning: true }, reasoning);
    expect(warnings).toEqual([]);
    expect(chats[0]?.reasoning).toEqual(reasoning);
  });
});

describe('Pipeline: images by capability', () => {
  const withImages: ChatRequest = textRequest('Look:', {
    messages: [
      { role: 'user', content: [{ type: 'image', url: 'https://example.com/a.png' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'A cat.' }] },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'And this?' },
          { type: 'image', url: 'data:image/png;base64,iVBOR' },
        ],
      },
    ],
  });

  it('refuses the first image part of the request, whichever message holds it', async () => {
    const { pipeline, chats } = pipelineFor(textOnlyCapabilities);
    const error = await pipeline.chat(withImages, testContext).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ target: { type: 'image', index: 0 }, code: 'unsupported_content' });
    expect(chats).toEqual([]);
  });

  it('refuses images when counting tokens too', async () => {
    const { pipeline } = pipelineFor(textOnlyCapabilities);
    await expect(pipeline.countTokens(withImages)).rejects.toMatchObject({
      target: { type: 'image', index: 0 },
    });
  });

  it('passes images on to a provider that takes them', async () => {
    const { pipeline, chats } = pipelineFor({ ...textOnlyCapabilities, images: true });
    await pipeline.chat(withImages, testContext);
    expect(chats[0]?.messages[2]?.content[1]).toEqual({ type: 'image', url: 'data:image/png;base64,iVBOR' });
  });
});
