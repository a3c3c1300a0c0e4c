import { describe, expect, it } from 'vitest';
import { disabledTracer, type SpanAttributes, type Tracer } from '../../observability/tracing/tracer.ts';
import { createUpstreamSpanStarter } from './upstream-span.ts';

function recordingTracer(): { tracer: Tracer; started: Array<{ name: string; attributes: SpanAttributes }> } {
  const started: Array<{ name: string; attributes: SpanAttributes }> = [];
  const tracer: Tracer = {
    ...disabledTracer,
    enabled: true,
    startClientSpan: (name, attributes) => {
      started.push({ name, attributes });
      return disabledTracer.startClientSpan(name, attributes);
    },
  };
  return { tracer, started };
}

describe('createUpstreamSpanStarter', () => {
  it('is absent without tracing, so the HTTP client skips spans with one check', () => {
    expect(createUpstreamSpanStarter(undefined)).toBeUndefined();
    expect(createUpstreamSpanStarter(disabledTracer)).toBeUndefined();
  });

  it.each([
    [
      'https://api.salesforce.com/einstein/platform/v1/models/sfdc_ai__DefaultGPT4Omni/chat-generations',
      'chat sfdc_ai__DefaultGPT4Omni',
      'chat',
      'sfdc_ai__DefaultGPT4Omni',
    ],
    [
      'https://api.salesforce.com/einstein/platform/v1/models/sfdc_ai__DefaultGPT4Omni/generations',
      'text_completion sfdc_ai__DefaultGPT4Omni',
      'text_completion',
      'sfdc_ai__DefaultGPT4Omni',
    ],
    [
      'https://api.salesforce.com/einstein/platform/v1/models/sfdc_ai__DefaultOpenAITextEmbeddingAda_002/embeddings',
      'embeddings sfdc_ai__DefaultOpenAITextEmbeddingAda_002',
      'embeddings',
      'sfdc_ai__DefaultOpenAITextEmbeddingAda_002',
    ],
    [
      'https://api.salesforce.com/ai/gpt/v1/model/anthropic.claude%20x/invoke-with-response-stream',
      'chat anthropic.claude x',
      'chat',
      'anthropic.claude x',
    ],
    ['https://api.salesforce.com/ai/gpt/v1/chat/generations', 'chat', 'chat', undefined],
  ])('names the model call to %s after the GenAI conventions', (url, name, operation, model) => {
    const { tracer, started } = recordingTracer();
    createUpstreamSpanStarter(tracer)?.('POST', new URL(url));
    expect(started).toEqual([
      {
        name,
        attributes: expect.objectContaining({
          'gen_ai.operation.name': operation,
          'gen_ai.provider.name': 'salesforce',
          'gen_ai.request.model': model,
          'server.address': 'api.salesforce.com',
          'server.port': 443,
        }),
      },
    ]);
  });

  it('names the token fetch after its path, without GenAI attributes or the query', () => {
    const { tracer, started } = recordingTracer();
    createUpstreamSpanStarter(tracer)?.('POST', new URL('http://127.0.0.1:8123/services/oauth2/token?x=1'));
    expect(started[0]?.name).toBe('POST /services/oauth2/token');
    expect(started[0]?.attributes).toMatchObject({
      'server.port': 8123,
      'url.full': 'http://127.0.0.1:8123/services/oauth2/token',
      'sfgw.upstream.endpoint': 'token',
      'gen_ai.operation.name': undefined,
      'gen_ai.provider.name': undefined,
    });
  });
});
