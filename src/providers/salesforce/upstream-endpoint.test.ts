import { describe, expect, it } from 'vitest';
import { mapUpstreamEndpoint } from './upstream-endpoint.ts';

const api = 'https://api.salesforce.com/einstein/platform/v1';
const native = 'https://api.salesforce.com/ai/gpt/v1';

describe('mapUpstreamEndpoint', () => {
  it.each([
    ['https://acme.my.salesforce.com/services/oauth2/token', 'token'],
    [`${api}/models/sfdc_ai__DefaultGPT4Omni/chat-generations`, 'chat-generations'],
    [`${api}/models/sfdc_ai__DefaultGPT4Omni/generations`, 'generations'],
    [`${api}/models/sfdc_ai__DefaultOpenAITextEmbeddingAda_002/embeddings`, 'embeddings'],
    [`${api}/feedback`, 'feedback'],
    [`${api}/something-new`, 'other'],
    [`${api}/generations`, 'other'],
    [`${native}/model/sfdc_ai__DefaultBedrockAnthropicClaude46Sonnet/invoke`, 'native-invoke'],
    [
      `${native}/model/sfdc_ai__DefaultBedrockAnthropicClaude46Sonnet/invoke-with-response-stream`,
      'native-invoke-stream',
    ],
    [`${native}/responses`, 'native-responses'],
    [`${native}/chat/generations`, 'native-chat-generations'],
    [`${native}/chat/generations/stream`, 'native-chat-generations-stream'],
    [`${native}/feedback`, 'other'],
  ])('%s is %s', (url, endpoint) => {
    expect(mapUpstreamEndpoint(new URL(url))).toBe(endpoint);
    // the second time from the memo, the same answer
    expect(mapUpstreamEndpoint(new URL(url))).toBe(endpoint);
  });

  it('still names paths once its memo is full', () => {
    for (let index = 0; index < 300; index += 1) {
      expect(mapUpstreamEndpoint(new URL(`${api}/models/model_${index}/embeddings`))).toBe('embeddings');
    }
    expect(mapUpstreamEndpoint(new URL(`${api}/models/model_late/chat-generations`))).toBe(
      'chat-generations',
    );
    expect(mapUpstreamEndpoint(new URL(`${api}/later-path`))).toBe('other');
  });
});
