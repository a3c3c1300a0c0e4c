import { describe, expect, it } from 'vitest';
import { ModelRegistry } from './model-registry.ts';

// The chat+text and embedding names of the reference's section 7.2 table.
const referenceChatModels = [
  'DefaultGPT4Omni',
  'DefaultGPT4OmniMini',
  'DefaultOpenAIGPT4OmniMini',
  'DefaultGPT41',
  'DefaultGPT41Mini',
  'DefaultGPT5',
  'DefaultGPT5Mini',
  'DefaultGPT51',
  'DefaultGPT52',
  'DefaultGPT54',
  'DefaultGPT54Mini',
  'DefaultGPT55',
  'DefaultO3',
  'DefaultO4Mini',
  'DefaultBedrockAnthropicClaude3Haiku',
  'DefaultBedrockAnthropicClaude37Sonnet',
  'DefaultBedrockAnthropicClaude4Sonnet',
  'DefaultBedrockAnthropicClaude45Sonnet',
  'DefaultBedrockAnthropicClaude45Haiku',
  'DefaultBedrockAnthropicClaude45Opus',
  'DefaultBedrockAnthropicClaude46Sonnet',
  'DefaultBedrockAnthropicClaude46Opus',
  'DefaultBedrockAnthropicClaude47Opus',
  'DefaultBedrockAmazonNovaLite',
  'DefaultBedrockAmazonNovaPro',
  'DefaultBedrockNvidiaNemotronNano330b',
  'DefaultVertexAIGemini20Flash001',
  'DefaultVertexAIGemini20FlashLite001',
  'DefaultVertexAIGemini25Flash001',
  'DefaultVertexAIGemini25FlashLite001',
  'DefaultVertexAIGeminiPro25',
  'DefaultVertexAIGemini30Flash',
  'DefaultVertexAIGeminiPro31',
  'DefaultVertexAIGemini31FlashLite',
].map((name) => `sfdc_ai__${name}`);

const referenceEmbeddingModels = [
  'sfdc_ai__DefaultOpenAITextEmbeddingAda_002',
  'sfdc_ai__DefaultAzureOpenAITextEmbeddingAda_002',
];

describe('ModelRegistry', () => {
  const registry = new ModelRegistry([], {});

  it('serves every chat and embedding model of the reference, and nothing else', () => {
    expect(registry.names().sort()).toEqual([...referenceChatModels, ...referenceEmbeddingModels].sort());
    for (const name of referenceChatModels) expect(registry.resolve(name)?.served.kind).toBe('chat');
    for (const name of referenceEmbeddingModels) {
      expect(registry.resolve(name)?.served).toMatchObject({ kind: 'embedding', dimensions: 1536 });
    }
  });

  it('does not know invented or misspelled names', () => {
    expect(registry.resolve('sfdc_ai__DefaultOpenAIGPT4Omni')).toBeUndefined();
    expect(registry.resolve('sfdc_ai__defaultgpt4omnimini')).toBeUndefined();
  });

  it.each([
    ['sfdc_ai__DefaultAzureOpenAIGPT35Turbo', 'sfdc_ai__DefaultGPT4OmniMini'],
    ['sfdc_ai__DefaultAzureOpenAIGPT35Turbo_16k', 'sfdc_ai__DefaultGPT4OmniMini'],
    ['sfdc_ai__DefaultAzureOpenAIGPT4Turbo', 'sfdc_ai__DefaultGPT4Omni'],
    ['sfdc_ai__DefaultOpenAIGPT35Turbo', 'sfdc_ai__DefaultOpenAIGPT4OmniMini'],
    ['sfdc_ai__DefaultOpenAIGPT35Turbo_16k', 'sfdc_ai__DefaultOpenAIGPT4OmniMini'],
    ['sfdc_ai__DefaultOpenAIGPT4', 'sfdc_ai__DefaultGPT4Omni'],
    ['sfdc_ai__DefaultOpenAIGPT4_32k', 'sfdc_ai__DefaultGPT4Omni'],
    ['sfdc_ai__DefaultOpenAIGPT4Turbo', 'sfdc_ai__DefaultGPT4Omni'],
  ])('serves the rerouted %s with %s', (rerouted, replacement) => {
    expect(registry.resolve(rerouted)?.served.name).toBe(replacement);
  });

  it('names usage in snake_case for OpenAI models and camelCase for the others by default', () => {
    expect(registry.resolve('sfdc_ai__DefaultGPT4OmniMini')?.usageStyle).toBe('snake_case');
    expect(registry.resolve('sfdc_ai__DefaultBedrockAnthropicClaude45Sonnet')?.usageStyle).toBe('camelCase');
    expect(registry.resolve('sfdc_ai__DefaultVertexAIGemini25Flash001')?.usageStyle).toBe('camelCase');
  });

  it('switches usage naming per model, honours start-up overrides and restores them on reset', () => {
    const custom = new ModelRegistry(
      [{ name: 'sfdc_ai__Custom_Config', kind: 'chat', family: 'bedrock', providerModel: 'anthropic.x' }],
      { sfdc_ai__DefaultGPT4Omni: 'camelCase' },
    );
    expect(custom.resolve('sfdc_ai__Custom_Config')?.served.providerModel).toBe('anthropic.x');
    expect(custom.resolve('sfdc_ai__DefaultGPT4Omni')?.usageStyle).toBe('camelCase');
    custom.setUsageStyle('sfdc_ai__DefaultBedrockAnthropicClaude45Sonnet', 'snake_case');
    expect(custom.resolve('sfdc_ai__DefaultBedrockAnthropicClaude45Sonnet')?.usageStyle).toBe('snake_case');
    custom.reset();
    expect(custom.resolve('sfdc_ai__DefaultBedrockAnthropicClaude45Sonnet')?.usageStyle).toBe('camelCase');
    expect(custom.resolve('sfdc_ai__DefaultGPT4Omni')?.usageStyle).toBe('camelCase');
  });
});
