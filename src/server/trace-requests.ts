import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { clientClosedStatus } from '../core/errors.ts';
import type { Tracer, TraceSpan } from '../observability/tracing/tracer.ts';
import { onResponseEnd } from './on-response-end.ts';
import { requestPath } from './request-path.ts';
import { routePattern } from './route-pattern.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** This request's SERVER span; null when tracing is off. */
    traceSpan: TraceSpan | null;
  }
}

// The GenAI operation each model route performs; other routes keep their HTTP name.
const operationByRoute: Record<string, string> = {
  '/v1/chat/completions': 'chat',
  '/v1/messages': 'chat',
  '/v1/responses': 'chat',
  '/v1/completions': 'text_completion',
  '/v1/embeddings': 'embeddings',
};

/**
 * Gives every client request a SERVER span, continuing the client's traceparent, ended when the
 * request ends (finished, or the client gone, streams included), and a logger naming it. The
 * handler runs inside the span, so the token fetch and each upstream attempt it causes become its
 * children. Without tracing, nothing is hooked.
 */
export function registerRequestTracing(app: FastifyInstance, tracer: Tracer): void {
  app.decorateRequest('traceSpan', null);
  if (!tracer.enabled) return;
  app.addHook('onRequest', (request, reply, done) => {
    const route = routePattern(request);
    const span = tracer.startServerSpan(`${request.method} ${route}`, request.headers, {
      'http.request.method': request.method,
      'http.route': route,
      'url.path': requestPath(request.url),
      'client.address': request.ip,
      'sfgw.request_id': request.id,
    });
    request.traceSpan = span;
    // Every line the request logs from here on names its trace; Fastify's own lines go through
    // reply.log. The access line is written by the app's logger and adds the ids itself.
    const log = request.log.child({ traceId: span.traceId, spanId: span.spanId });
    request.log = log;
    reply.log = log;
    onResponseEnd(reply.raw, (completed) => endServerSpan(request, reply, span, completed));
    done();
  });
  // Entered here rather than at onRequest: the body is read on the socket's own callbacks, which
  // would leave the span's context behind; from the first preHandler on, everything the handler
  // awaits carries it.
  app.addHook('preHandler', (request, _reply, done) => {
    const span = request.traceSpan;
    if (span) tracer.runInSpan(span, done);
    else done();
  });
}

function endServerSpan(
  request: FastifyRequest,
  reply: FastifyReply,
  span: TraceSpan,
  completed: boolean,
): void {
  const statusCode = completed || reply.raw.headersSent ? reply.raw.statusCode : clientClosedStatus;
  span.setAttribute('http.response.status_code', statusCode);
  // HTTP conventions: a server span fails on a 5xx only; a 4xx is the client's mistake
  if (statusCode >= 500) span.fail(String(statusCode));
  if (!completed) span.setAttribute('sfgw.aborted', true);
  const operation = operationByRoute[routePattern(request)];
  const model = (request.body as { model?: unknown } | null | undefined)?.model;
  if (operation !== undefined && typeof model === 'string') {
    span.rename(`${operation} ${model}`);
    span.setAttribute('gen_ai.operation.name', operation);
    span.setAttribute('gen_ai.provider.name', 'salesforce');
    span.setAttribute('gen_ai.request.model', model);
  }
  const { telemetry } = request;
  if (telemetry) {
    // the 200 went out before the stream failed: the status alone would call it a success
    if (telemetry.streamFailure !== null) span.fail(telemetry.streamFailure);
    if (telemetry.servedModel !== null) span.setAttribute('gen_ai.response.model', telemetry.servedModel);
    if (telemetry.finishReason !== null)
      span.setAttribute('gen_ai.response.finish_reasons', [telemetry.finishReason]);
    if (telemetry.inputTokens !== null) span.setAttribute('gen_ai.usage.input_tokens', telemetry.inputTokens);
    if (telemetry.outputTokens !== null)
      span.setAttribute('gen_ai.usage.output_tokens', telemetry.outputTokens);
  }
  span.end();
}
