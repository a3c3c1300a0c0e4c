import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { clientClosedStatus } from '../core/errors.ts';
import type { ConsoleActivity } from '../observability/console-activity.ts';
import type { GatewayMetrics } from '../observability/metrics.ts';
import { RequestTelemetry } from '../observability/request-telemetry.ts';
import { ResponseCapture } from '../observability/response-capture.ts';
import { logForConsole } from './log-for-console.ts';
import { onResponseEnd } from './on-response-end.ts';
import { performanceMetricsPath } from './performance-route.ts';
import { recordUsage, type UsageRecording } from './record-usage.ts';
import { requestPath } from './request-path.ts';
import { roundToTenth } from './round-to-tenth.ts';
import { routePattern } from './route-pattern.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** This request's timing; null on an app without registerRequestObservation. */
    telemetry: RequestTelemetry | null;
  }
}

/** What request observation needs from the gateway. */
export interface RequestObservationOptions {
  metrics: GatewayMetrics;
  /** The metric label for a requested model name: the name when the catalog lists it, else "other". */
  modelLabel: (requestedModel: string) => string;
  /** The console's request log and statistics; absent, nothing is kept for a console. */
  activity?: ConsoleActivity;
  /** The token counters and usage ledger; absent, no usage is counted. */
  usage?: UsageRecording;
  /** Monotonic milliseconds; default performance.now. */
  clock?: () => number;
}

/** The gateway's own time for a request, in milliseconds with one decimal. */
export const overheadHeader = 'x-sfgw-overhead-ms';

/**
 * Times every request and, when it ends (finished, or the client gone, streams included),
 * records its metrics and writes one access line at info: never a body, never a query string.
 * Every answer carries the overhead header; a stream's is measured up to its commit.
 */
export function registerRequestObservation(app: FastifyInstance, options: RequestObservationOptions): void {
  const clock = options.clock ?? (() => performance.now());
  const { metrics, activity } = options;
  // The access line carries only fields that cannot hold a secret (no headers, no body, no query
  // string) and names its request id itself, so the app's logger writes it: redaction then costs
  // one key lookup per field, and no child logger is made for it.
  const accessLog = app.log;
  app.decorateRequest('telemetry', null);
  app.addHook('onRequest', async (request, reply) => {
    // read now: once the socket is gone its address may be too
    const remoteAddress = request.ip;
    let ended = false;
    const telemetry = new RequestTelemetry(clock, {
      onCommit: () => {
        reply.header(overheadHeader, formatMilliseconds(telemetry.overheadMs()));
        if (!ended) metrics.streamsInFlight.inc();
      },
      onFirstFrame: () => {
        const route = routePattern(request);
        const elapsedMs = telemetry.elapsedMs();
        metrics.streamTimeToFirstToken.observe(routeLabel(route), elapsedMs / 1000);
        if (activity && isApiRoute(route)) activity.recordTimeToFirstToken(elapsedMs);
      },
    });
    request.telemetry = telemetry;
    if (activity?.captureBodies && isApiRoute(routePattern(request)))
      telemetry.responseCapture = new ResponseCapture(activity.bodyMaxBytes);
    onResponseEnd(reply.raw, (completed) => {
      ended = true;
      recordFinishedRequest(request, reply, { telemetry, completed, remoteAddress, options, accessLog });
    });
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const { telemetry } = request;
    if (telemetry) reply.header(overheadHeader, formatMilliseconds(telemetry.overheadMs()));
    if (typeof payload === 'string') telemetry?.responseCapture?.append(payload);
    return payload;
  });
}

interface Ending {
  telemetry: RequestTelemetry;
  /** False when the connection closed before the response was finished. */
  completed: boolean;
  remoteAddress: string;
  options: RequestObservationOptions;
  accessLog: FastifyBaseLogger;
}

function recordFinishedRequest(request: FastifyRequest, reply: FastifyReply, ending: Ending): void {
  const { telemetry, completed, options } = ending;
  const { metrics } = options;
  const { durationMs, overheadMs } = telemetry.finalTimings();
  const statusCode = completed || reply.raw.headersSent ? reply.raw.statusCode : clientClosedStatus;
  const route = routePattern(request);
  const status = String(statusCode);
  const body = request.body as { model?: unknown; stream?: unknown } | null | undefined;
  const model = typeof body?.model === 'string' ? body.model : undefined;
  const keyLabel = request.caller ? { key: request.caller.name } : undefined;
  const stream = telemetry.streamed || body?.stream === true;

  // Label objects built as they are counted, without spreading empty ones in.
  const requestLabels: RequestLabels = { route, method: request.method, status };
  const durationLabels: DurationLabels = { route, status };
  if (model !== undefined) {
    const label = options.modelLabel(model);
    requestLabels.model = label;
    durationLabels.model = label;
  }
  if (keyLabel) requestLabels.key = keyLabel.key;
  metrics.httpRequests.inc(requestLabels);
  metrics.httpRequestDuration.observe(durationLabels, durationMs / 1000);
  metrics.gatewayOverhead.observe(routeLabel(route), overheadMs / 1000);
  if (telemetry.streamed) metrics.streamsInFlight.dec();
  if (isApiRoute(route)) {
    const finished = { status: statusCode, durationMs, overheadMs, stream };
    metrics.recentRequests.record(finished);
    if (options.activity)
      logForConsole(options.activity, request, finished, route, model, requestLabels.model);
    if (options.usage) recordUsage(options.usage, request, finished, route, model, requestLabels.model);
  }

  ending.accessLog.info(
    {
      reqId: request.id,
      method: request.method,
      path: requestPath(request.url),
      status: statusCode,
      durationMs: roundToTenth(durationMs),
      overheadMs: roundToTenth(overheadMs),
      model,
      stream,
      // with tracing on, the line can be found from its trace (and the trace from the line)
      traceId: request.traceSpan?.traceId,
      spanId: request.traceSpan?.spanId,
      ...keyLabel,
      remoteAddress: ending.remoteAddress,
      ...(completed ? {} : { aborted: true }),
    },
    'request completed',
  );
}

interface DurationLabels {
  route: string;
  status: string;
  model?: string;
}

interface RequestLabels extends DurationLabels {
  method: string;
  key?: string;
}

// One label object per route pattern (they are few), not one per request.
const routeLabels = new Map<string, { route: string }>();
function routeLabel(route: string): { route: string } {
  let labels = routeLabels.get(route);
  if (labels === undefined) {
    labels = Object.freeze({ route });
    routeLabels.set(route, labels);
  }
  return labels;
}

// Client API traffic; the operational endpoints (and the console's own) would drown it in the
// JSON view's percentiles and the console's log.
function isApiRoute(route: string): boolean {
  return route.startsWith('/v1/') && route !== performanceMetricsPath;
}

function formatMilliseconds(milliseconds: number): string {
  return milliseconds.toFixed(1);
}
