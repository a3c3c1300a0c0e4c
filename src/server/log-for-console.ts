import type { FastifyRequest } from 'fastify';
import { captureJsonBody, captureTextBody } from '../observability/captured-body.ts';
import type { ConsoleActivity } from '../observability/console-activity.ts';
import type { RecentRequest, RequestBodies } from '../observability/recent-request-log.ts';
import { roundToTenth } from './round-to-tenth.ts';
import { routePattern } from './route-pattern.ts';

// A model name is echoed from the client: one absurdly long name must not fill the log.
const longestModelName = 200;

/**
 * Adds a finished client API request to the console's log and statistics: one row, and its bodies
 * only when capture is on. `timings` and `model` are what request observation already measured
 * and read; `modelLabel` is the model's metric label.
 */
export function logForConsole(
  activity: ConsoleActivity,
  request: FastifyRequest,
  status: number,
  timings: { durationMs: number; overheadMs: number },
  model: string | undefined,
  modelLabel: string | undefined,
): void {
  const { telemetry } = request;
  const route = routePattern(request);
  const now = Date.now();
  const row: RecentRequest = {
    id: request.id,
    time: now - Math.round(timings.durationMs),
    key: request.caller?.name ?? null,
    protocol: route.startsWith('/v1/messages') ? 'anthropic' : 'openai',
    method: request.method,
    route,
    model: model === undefined ? null : model.slice(0, longestModelName),
    status,
    durationMs: roundToTenth(timings.durationMs),
    overheadMs: roundToTenth(timings.overheadMs),
    stream: telemetry?.streamed === true || (request.body as { stream?: unknown } | null)?.stream === true,
    inputTokens: telemetry?.inputTokens ?? null,
    outputTokens: telemetry?.outputTokens ?? null,
  };
  const bodies = activity.captureBodies ? captureBodies(request, activity.bodyMaxBytes) : null;
  activity.record(row, bodies, modelLabel, now);
}

function captureBodies(request: FastifyRequest, maxBytes: number): RequestBodies {
  const requestBody =
    request.body === undefined || request.body === null ? null : captureJsonBody(request.body, maxBytes);
  const capture = request.telemetry?.responseCapture;
  const responseText = capture?.text() ?? '';
  const responseBody = responseText === '' ? null : captureTextBody(responseText, maxBytes, capture?.cut);
  return {
    requestBody: requestBody?.text ?? null,
    responseBody: responseBody?.text ?? null,
    truncated: requestBody?.truncated === true || responseBody?.truncated === true,
  };
}
