import type { ModelInfo, ModelKind } from '../../core/model.ts';

/** A Salesforce-managed model by its API name. */
export interface SalesforceModel {
  apiName: string;
  label: string;
  kind: ModelKind;
}

const chat = (apiName: string, label: string): SalesforceModel => ({ apiName, label, kind: 'chat' });
const embedding = (apiName: string, label: string): SalesforceModel => ({
  apiName,
  label,
  kind: 'embedding',
});

/** Salesforce-managed models (Supported Models page); availability still depends on the org. */
export const salesforceModels: readonly SalesforceModel[] = [
  embedding('sfdc_ai__DefaultOpenAITextEmbeddingAda_002', 'OpenAI text-embedding-ada-002'),
  embedding('sfdc_ai__DefaultAzureOpenAITextEmbeddingAda_002', 'Azure OpenAI text-embedding-ada-002'),
  chat('sfdc_ai__DefaultGPT4Omni', 'GPT-4o'),
  chat('sfdc_ai__DefaultGPT4OmniMini', 'GPT-4o mini'),
  chat('sfdc_ai__DefaultOpenAIGPT4OmniMini', 'GPT-4o mini (OpenAI only)'),
  chat('sfdc_ai__DefaultGPT41', 'GPT-4.1'),
  chat('sfdc_ai__DefaultGPT41Mini', 'GPT-4.1 mini'),
  chat('sfdc_ai__DefaultGPT5', 'GPT-5'),
  chat('sfdc_ai__DefaultGPT5Mini', 'GPT-5 mini'),
  chat('sfdc_ai__DefaultGPT51', 'GPT-5.1'),
  chat('sfdc_ai__DefaultGPT52', 'GPT-5.2'),
  chat('sfdc_ai__DefaultGPT54', 'GPT-5.4'),
  chat('sfdc_ai__DefaultGPT54Mini', 'GPT-5.4 mini'),
  chat('sfdc_ai__DefaultGPT55', 'GPT-5.5'),
  chat('sfdc_ai__DefaultO3', 'o3'),
  chat('sfdc_ai__DefaultO4Mini', 'o4-mini'),
  chat('sfdc_ai__DefaultBedrockAnthropicClaude3Haiku', 'Claude 3 Haiku'),
  chat('sfdc_ai__DefaultBedrockAnthropicClaude37Sonnet', 'Claude 3.7 Sonnet'),
  chat('sfdc_ai__DefaultBedrockAnthropicClaude4Sonnet', 'Claude Sonnet 4'),
  chat('sfdc_ai__DefaultBedrockAnthropicClaude45Sonnet', 'Claude Sonnet 4.5'),
  chat('sfdc_ai__DefaultBedrockAnthropicClaude45Haiku', 'Claude Haiku 4.5'),
  chat('sfdc_ai__DefaultBedrockAnthropicClaude45Opus', 'Claude Opus 4.5'),
  chat('sfdc_ai__DefaultBedrockAnthropicClaude46Sonnet', 'Claude Sonnet 4.6'),
  chat('sfdc_ai__DefaultBedrockAnthropicClaude46Opus', 'Claude Opus 4.6'),
  chat('sfdc_ai__DefaultBedrockAnthropicClaude47Opus', 'Claude Opus 4.7'),
  chat('sfdc_ai__DefaultBedrockAmazonNovaLite', 'Amazon Nova Lite'),
  chat('sfdc_ai__DefaultBedrockAmazonNovaPro', 'Amazon Nova Pro'),
  chat('sfdc_ai__DefaultBedrockNvidiaNemotronNano330b', 'NVIDIA Nemotron 3 Nano 30B'),
  chat('sfdc_ai__DefaultVertexAIGemini20Flash001', 'Gemini 2.0 Flash'),
  chat('sfdc_ai__DefaultVertexAIGemini20FlashLite001', 'Gemini 2.0 Flash-Lite'),
  chat('sfdc_ai__DefaultVertexAIGemini25Flash001', 'Gemini 2.5 Flash'),
  chat('sfdc_ai__DefaultVertexAIGemini25FlashLite001', 'Gemini 2.5 Flash-Lite'),
  chat('sfdc_ai__DefaultVertexAIGeminiPro25', 'Gemini 2.5 Pro'),
  chat('sfdc_ai__DefaultVertexAIGemini30Flash', 'Gemini 3 Flash'),
  chat('sfdc_ai__DefaultVertexAIGeminiPro31', 'Gemini 3.1 Pro'),
  chat('sfdc_ai__DefaultVertexAIGemini31FlashLite', 'Gemini 3.1 Flash-Lite'),
];

/** Friendly names clients may send; config MODEL_ALIASES adds to and overrides these. */
export const defaultModelAliases: Readonly<Record<string, string>> = {
  // the names the original gateway accepted
  'claude-3-haiku': 'sfdc_ai__DefaultBedrockAnthropicClaude3Haiku',
  'claude-3-sonnet': 'sfdc_ai__DefaultBedrockAnthropicClaude37Sonnet',
  'claude-4-sonnet': 'sfdc_ai__DefaultBedrockAnthropicClaude4Sonnet',
  'gpt-4': 'sfdc_ai__DefaultGPT4Omni',
  'gpt-4-mini': 'sfdc_ai__DefaultGPT4OmniMini',
  'gemini-pro': 'sfdc_ai__DefaultVertexAIGeminiPro25',
  // current provider names
  'gpt-4o': 'sfdc_ai__DefaultGPT4Omni',
  'gpt-4o-mini': 'sfdc_ai__DefaultGPT4OmniMini',
  'gpt-4.1': 'sfdc_ai__DefaultGPT41',
  'gpt-4.1-mini': 'sfdc_ai__DefaultGPT41Mini',
  'gpt-5': 'sfdc_ai__DefaultGPT5',
  'gpt-5-mini': 'sfdc_ai__DefaultGPT5Mini',
  'gpt-5.1': 'sfdc_ai__DefaultGPT51',
  'gpt-5.2': 'sfdc_ai__DefaultGPT52',
  'gpt-5.4': 'sfdc_ai__DefaultGPT54',
  'gpt-5.4-mini': 'sfdc_ai__DefaultGPT54Mini',
  'gpt-5.5': 'sfdc_ai__DefaultGPT55',
  o3: 'sfdc_ai__DefaultO3',
  'o4-mini': 'sfdc_ai__DefaultO4Mini',
  'claude-3-7-sonnet': 'sfdc_ai__DefaultBedrockAnthropicClaude37Sonnet',
  'claude-sonnet-4': 'sfdc_ai__DefaultBedrockAnthropicClaude4Sonnet',
  'claude-sonnet-4-5': 'sfdc_ai__DefaultBedrockAnthropicClaude45Sonnet',
  'claude-haiku-4-5': 'sfdc_ai__DefaultBedrockAnthropicClaude45Haiku',
  'claude-opus-4-5': 'sfdc_ai__DefaultBedrockAnthropicClaude45Opus',
  'claude-sonnet-4-6': 'sfdc_ai__DefaultBedrockAnthropicClaude46Sonnet',
  'claude-opus-4-6': 'sfdc_ai__DefaultBedrockAnthropicClaude46Opus',
  'claude-opus-4-7': 'sfdc_ai__DefaultBedrockAnthropicClaude47Opus',
  'nova-lite': 'sfdc_ai__DefaultBedrockAmazonNovaLite',
  'nova-pro': 'sfdc_ai__DefaultBedrockAmazonNovaPro',
  'gemini-2.0-flash': 'sfdc_ai__DefaultVertexAIGemini20Flash001',
  'gemini-2.0-flash-lite': 'sfdc_ai__DefaultVertexAIGemini20FlashLite001',
  'gemini-2.5-flash': 'sfdc_ai__DefaultVertexAIGemini25Flash001',
  'gemini-2.5-flash-lite': 'sfdc_ai__DefaultVertexAIGemini25FlashLite001',
  'gemini-2.5-pro': 'sfdc_ai__DefaultVertexAIGeminiPro25',
  'gemini-3-flash': 'sfdc_ai__DefaultVertexAIGemini30Flash',
  'gemini-3.1-pro': 'sfdc_ai__DefaultVertexAIGeminiPro31',
  'gemini-3.1-flash-lite': 'sfdc_ai__DefaultVertexAIGemini31FlashLite',
};

/** OpenAI embedding names clients send by default; they all map to the configured EMBEDDING_MODEL. */
export const embeddingAliasNames: readonly string[] = [
  'text-embedding-ada-002',
  'text-embedding-3-small',
  'text-embedding-3-large',
];

/** Salesforce API names all start with this; any such name passes through unlisted (custom and BYOLLM models). */
export const salesforceModelPrefix = 'sfdc_ai__';

/** The Models API's models under their API names, as the model catalog lists them. */
export function listModelsApiModels(): ModelInfo[] {
  return salesforceModels.map((model) => ({
    id: model.apiName,
    upstreamModel: model.apiName,
    kind: model.kind,
    label: model.label,
    ownedBy: 'salesforce',
  }));
}
