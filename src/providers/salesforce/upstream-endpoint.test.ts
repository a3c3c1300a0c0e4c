import { describe, expect, it } from 'vitest';
import { mapUpstreamEndpoint } from './upstream-endpoint.ts';

const api = 'https://api.salesforce.com/einstein/platform/v1';

describe('mapUpstreamEndpoint', () => {
  it.each([
    ['https://acme.my.salesforce.com/services/oauth2/token', 'token'],
    [`${api}/models/sfdc_ai__DefaultGPT4Omni/chat-generations`, 'chat-generations'],
    [`${api}/models/sfdc_ai__DefaultGPT4Omni/generations`, 'generations'],
    [`${api}/models/sfdc_ai__DefaultOpenAITextEmbeddingAda_002/embeddings`, 'embeddings'],
    [`${api}/feedback`, 'feedback'],
    [`${api}/something-new`, 'other'],
    [`${api}/generations`, 'other'],
  ])('%s is %s', (url, endpoint) => {
    expect(mapUpstreamEndpoint(new URL(url))).toBe(endpoint);
  });
});
