// The Salesforce-managed model names from the reference (section 7.2) and the rerouted names (7.3).
// The provider model ids reported in `parameters.model` are plausible stand-ins, not captured values.
import type { ModelDefinition, ModelFamily } from './model-definition.ts';

function chat(name: string, family: ModelFamily, providerModel: string): ModelDefinition {
  return { name: `sfdc_ai__${name}`, kind: 'chat', family, providerModel };
}

function embedding(name: string, providerModel: string, dimensions: number): ModelDefinition {
  return { name: `sfdc_ai__${name}`, kind: 'embedding', family: 'openai', providerModel, dimensions };
}

/** Every Salesforce-managed model the simulator serves out of the box. */
export const salesforceModels: readonly ModelDefinition[] = [
  embedding('DefaultOpenAITextEmbeddingAda_002', 'text-embedding-ada-002', 1536),
  embedding('DefaultAzureOpenAITextEmbeddingAda_002', 'text-embedding-ada-002', 1536),
  chat('DefaultGPT4Omni', 'openai', 'gpt-4o-2024-11-20'),
  chat('DefaultGPT4OmniMini', 'openai', 'gpt-4o-mini-2024-07-18'),
  chat('DefaultOpenAIGPT4OmniMini', 'openai', 'gpt-4o-mini-2024-07-18'),
  chat('DefaultGPT41', 'openai', 'gpt-4.1-2025-04-14'),
  chat('DefaultGPT41Mini', 'openai', 'gpt-4.1-mini-2025-04-14'),
  chat('DefaultGPT5', 'openai', 'gpt-5-2025-08-07'),
  chat('DefaultGPT5Mini', 'openai', 'gpt-5-mini-2025-08-07'),
  chat('DefaultGPT51', 'openai', 'gpt-5.1'),
  chat('DefaultGPT52', 'openai', 'gpt-5.2'),
  chat('DefaultGPT54', 'openai', 'gpt-5.4'),
  chat('DefaultGPT54Mini', 'openai', 'gpt-5.4-mini'),
  chat('DefaultGPT55', 'openai', 'gpt-5.5'),
  chat('DefaultO3', 'openai', 'o3-2025-04-16'),
  chat('DefaultO4Mini', 'openai', 'o4-mini-2025-04-16'),
  chat('DefaultBedrockAnthropicClaude3Haiku', 'bedrock', 'anthropic.claude-3-haiku-20240307-v1:0'),
  chat('DefaultBedrockAnthropicClaude37Sonnet', 'bedrock', 'anthropic.claude-3-7-sonnet-20250219-v1:0'),
  chat('DefaultBedrockAnthropicClaude4Sonnet', 'bedrock', 'anthropic.claude-sonnet-4-20250514-v1:0'),
  chat('DefaultBedrockAnthropicClaude45Sonnet', 'bedrock', 'anthropic.claude-sonnet-4-5-20250929-v1:0'),
  chat('DefaultBedrockAnthropicClaude45Haiku', 'bedrock', 'anthropic.claude-haiku-4-5-20251001-v1:0'),
  chat('DefaultBedrockAnthropicClaude45Opus', 'bedrock', 'anthropic.claude-opus-4-5-20251101-v1:0'),
  chat('DefaultBedrockAnthropicClaude46Sonnet', 'bedrock', 'anthropic.claude-sonnet-4-6'),
  chat('DefaultBedrockAnthropicClaude46Opus', 'bedrock', 'anthropic.claude-opus-4-6'),
  chat('DefaultBedrockAnthropicClaude47Opus', 'bedrock', 'anthropic.claude-opus-4-7'),
  chat('DefaultBedrockAmazonNovaLite', 'bedrock', 'amazon.nova-lite-v1:0'),
  chat('DefaultBedrockAmazonNovaPro', 'bedrock', 'amazon.nova-pro-v1:0'),
  chat('DefaultBedrockNvidiaNemotronNano330b', 'bedrock', 'nvidia.nemotron-nano-3-30b'),
  chat('DefaultVertexAIGemini20Flash001', 'vertex', 'gemini-2.0-flash-001'),
  chat('DefaultVertexAIGemini20FlashLite001', 'vertex', 'gemini-2.0-flash-lite-001'),
  chat('DefaultVertexAIGemini25Flash001', 'vertex', 'gemini-2.5-flash'),
  chat('DefaultVertexAIGemini25FlashLite001', 'vertex', 'gemini-2.5-flash-lite'),
  chat('DefaultVertexAIGeminiPro25', 'vertex', 'gemini-2.5-pro'),
  chat('DefaultVertexAIGemini30Flash', 'vertex', 'gemini-3-flash-preview'),
  chat('DefaultVertexAIGeminiPro31', 'vertex', 'gemini-3.1-pro-preview'),
  chat('DefaultVertexAIGemini31FlashLite', 'vertex', 'gemini-3.1-flash-lite-preview'),
];

/** Deprecated names that still answer, served by their replacement. */
export const reroutedModels: Readonly<Record<string, string>> = {
  sfdc_ai__DefaultAzureOpenAIGPT35Turbo: 'sfdc_ai__DefaultGPT4OmniMini',
  sfdc_ai__DefaultAzureOpenAIGPT35Turbo_16k: 'sfdc_ai__DefaultGPT4OmniMini',
  sfdc_ai__DefaultAzureOpenAIGPT4Turbo: 'sfdc_ai__DefaultGPT4Omni',
  sfdc_ai__DefaultOpenAIGPT35Turbo: 'sfdc_ai__DefaultOpenAIGPT4OmniMini',
  sfdc_ai__DefaultOpenAIGPT35Turbo_16k: 'sfdc_ai__DefaultOpenAIGPT4OmniMini',
  sfdc_ai__DefaultOpenAIGPT4: 'sfdc_ai__DefaultGPT4Omni',
  sfdc_ai__DefaultOpenAIGPT4_32k: 'sfdc_ai__DefaultGPT4Omni',
  sfdc_ai__DefaultOpenAIGPT4Turbo: 'sfdc_ai__DefaultGPT4Omni',
};
