import type { TraceSpan } from '../observability/tracing/tracer.ts';
import type { HttpExchange, HttpRequest } from './http-exchange.ts';

/** Opens the CLIENT span of one upstream exchange (one attempt: each retry gets its own). */
export type ExchangeSpanStarter = (method: HttpRequest['method'], url: URL) => TraceSpan;

/** Records how an exchange ended on its span, then ends the span. */
export function endExchangeSpan(span: TraceSpan, status: HttpExchange['status']): void {
  if (typeof status === 'number') {
    span.setAttribute('http.response.status_code', status);
    // HTTP conventions: a client span fails on any 4xx or 5xx, named by its status code
    if (status >= 400) span.fail(String(status));
  } else {
    span.fail(status);
  }
  span.end();
}
