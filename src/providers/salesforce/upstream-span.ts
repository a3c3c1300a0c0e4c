import type { Tracer } from '../../observability/tracing/tracer.ts';
import type { ExchangeSpanStarter } from '../../transport/exchange-span.ts';
import { mapUpstreamEndpoint, type UpstreamEndpoint } from './upstream-endpoint.ts';

// The GenAI operation of each model endpoint; the token and feedback calls are plain HTTP spans.
const operationNames: Partial<Record<UpstreamEndpoint, string>> = {
  'chat-generations': 'chat',
  generations: 'text_completion',
  embeddings: 'embeddings',
  'native-invoke': 'chat',
  'native-invoke-stream': 'chat',
  'native-responses': 'chat',
  'native-chat-generations': 'chat',
  'native-chat-generations-stream': 'chat',
};

// The Models API names the model in /models/{model}/…, the native invoke routes in /model/{model}/…
const modelInPath = /\/models?\/([^/]+)\//;

/** Starts each call to Salesforce's CLIENT span, named and attributed after the GenAI and HTTP
 * conventions; undefined when tracing is off, so the HTTP client skips it with one check. */
export function createUpstreamSpanStarter(tracer: Tracer | undefined): ExchangeSpanStarter | undefined {
  if (!tracer?.enabled) return undefined;
  return (method, url) => {
    const endpoint = mapUpstreamEndpoint(url);
    const operation = operationNames[endpoint];
    const encodedModel = operation === undefined ? undefined : modelInPath.exec(url.pathname)?.[1];
    const model = encodedModel === undefined ? undefined : decodeURIComponent(encodedModel);
    const name =
      operation === undefined ? `${method} ${url.pathname}` : model ? `${operation} ${model}` : operation;
    return tracer.startClientSpan(name, {
      'http.request.method': method,
      'server.address': url.hostname,
      'server.port': url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port),
      'url.full': `${url.origin}${url.pathname}`,
      'gen_ai.operation.name': operation,
      'gen_ai.provider.name': operation && 'salesforce',
      'gen_ai.request.model': model,
      'sfgw.upstream.endpoint': endpoint,
    });
  };
}
